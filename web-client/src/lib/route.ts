// The participant page's two views share one URL: `/` is the agenda,
// `/?session=ID` a session. Links are real links (open in a new tab works);
// a plain click changes the view without a reload.

export function sessionParam(search: string = location.search): string | null {
  return new URLSearchParams(search).get('session');
}

export function sessionHref(id: string): string {
  return `?session=${encodeURIComponent(id)}`;
}

/** Follows an in-app link; true when it was handled (a plain left click). */
export function followLink(event: MouseEvent, href: string): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return false;
  }
  event.preventDefault();
  history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
  return true;
}
