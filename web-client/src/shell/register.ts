// Registers the participant page's service worker (src/shell/service-worker.ts,
// built as /sw.js). Browsers allow one only in a secure context: over HTTPS,
// or on localhost and 127.0.0.1; over plain HTTP elsewhere the page works as
// before, without the offline shell.

export function registerShellWorker(container: ServiceWorkerContainer | undefined = navigator.serviceWorker): void {
  // No worker in `vite dev`: there is no /sw.js and the files change all the time.
  if (!import.meta.env.PROD || !container) return;
  // Once the page has loaded what it shows: the worker's copies then come
  // from the HTTP cache instead of competing with the page on a slow link.
  const register = () => void container.register('/sw.js', { scope: '/' }).catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
