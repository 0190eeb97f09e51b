// The participant page's service worker (built as /sw.js, registered by the
// participant page). It keeps the page shell so that a reload in a dead zone
// shows the page, with what it last knew, instead of the browser's error
// page. It never stores API answers, the WebSocket, HLS or anything sent with
// a token: see routes.ts. The build puts the list of shell files in place of
// __VECHE_SHELL__ (tools/shell.ts).
import { shellRoute } from './routes';

declare const __VECHE_SHELL__: { version: string; page: string; files: string[] };

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = __VECHE_SHELL__;
const PREFIX = 'veche-shell-';
const CACHE = `${PREFIX}${SHELL.version}`;
/** A page that has not answered in this long is served from the cache; the answer still refreshes it. */
const PAGE_TIMEOUT_MS = 4_000;
/** The cached responses were stored decoded: the coding a request asks for does not matter. */
const ANY_CODING: CacheQueryOptions = { ignoreVary: true };

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The files come from the HTTP cache when the page has just loaded them.
      await cache.addAll([new Request(SHELL.page, { cache: 'no-cache' }), ...SHELL.files]);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const route = shellRoute(event.request, sw.location.origin);
  if (route === 'page') event.respondWith(page(event));
  else if (route === 'asset') event.respondWith(asset(event));
});

const timeout = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));

/** The network's page when it answers in time (and keep it), else the cached one. */
async function page(event: FetchEvent): Promise<Response> {
  const cache = await caches.open(CACHE);
  const network = fetch(event.request).then(async (response) => {
    if (response.status === 200 && response.type === 'basic') await cache.put(SHELL.page, response.clone());
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  // A server error from a proxy in front (502/503/504) is a dead link too.
  const answer = await Promise.race([network, timeout(PAGE_TIMEOUT_MS)]).catch(() => null);
  if (answer && answer.status < 500) return answer;
  const cached = await cache.match(SHELL.page, { ...ANY_CODING, ignoreSearch: true });
  return cached ?? answer ?? network;
}

/** Hashed files never change: the cached copy, else the network's (kept for next time). */
async function asset(event: FetchEvent): Promise<Response> {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(event.request, ANY_CODING);
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.status === 200 && response.type === 'basic') event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}
