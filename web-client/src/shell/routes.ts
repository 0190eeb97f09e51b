// What the participant page's service worker may answer from its cache: the
// page shell only, that is the participant page's HTML and the hashed files
// under /assets/ (JavaScript, CSS, fonts, icons). Everything else (the API,
// the WebSocket, HLS playlists and segments, replays, other pages, anything
// sent with a token) goes to the network as if there were no worker, and is
// never stored. Shared by the worker and its tests; no DOM or worker types.

/** `page`: network first, the cached shell when offline; `asset`: cache first; null: not the worker's business. */
export type ShellRoute = 'page' | 'asset' | null;

export interface RequestFacts {
  method: string;
  url: string;
  /** Request.mode: `navigate` for the page itself */
  mode: string;
  headers: { has(name: string): boolean };
}

/** Hashed build output: NAME-HASH.EXT, as Vite writes it (the hash makes the file immutable). */
const SHELL_ASSET = /^\/assets\/[\w.-]+-[\w-]{8,}\.(?:js|css|woff2|svg)$/;

/** The participant page: `/` and `/?session=ID` (the server answers both with index.html). */
export const SHELL_PAGE_PATHS: readonly string[] = ['/', '/index.html'];

export function shellRoute(request: RequestFacts, origin: string): ShellRoute {
  if (request.method !== 'GET') return null;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  // A token or a part of a file: a request the shell never makes.
  if (request.headers.has('authorization') || request.headers.has('range')) return null;
  if (request.mode === 'navigate') return SHELL_PAGE_PATHS.includes(url.pathname) ? 'page' : null;
  if (url.search === '' && SHELL_ASSET.test(url.pathname)) return 'asset';
  return null;
}
