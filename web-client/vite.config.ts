/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';
import { budgetPlugin, PARTICIPANT_BUDGET_BYTES } from './tools/budget.ts';
import { precompressPlugin } from './tools/compress.ts';
import { shellPlugin } from './tools/shell.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// Every page of the client is its own HTML entry. The server maps `/` to
// index.html and `/NAME` to NAME.html, so a page added here (moderator,
// speaker, screen, caption) is served without touching the server.
const pages: Record<string, string> = Object.fromEntries(
  ['index', 'moderator', 'speaker', 'screen', 'caption'].map((name) => [name, resolve(root, `${name}.html`)]),
);

// `npm run dev` talks to a server started with `build/veche serve`; the
// address can be changed for a server that listens elsewhere.
const backend = process.env.VECHE_DEV_BACKEND ?? 'http://127.0.0.1:8080';

// The server refuses WebSocket upgrades and POSTs from an Origin that is not
// in its `allowed_origins`. Through this dev proxy the browser's origin is the
// Vite dev server, so present the requests as coming from the backend itself.
const sameOrigin: ProxyOptions = {
  target: backend,
  configure(proxy) {
    proxy.on('proxyReq', (proxyReq) => proxyReq.setHeader('origin', backend));
    proxy.on('proxyReqWs', (proxyReq) => proxyReq.setHeader('origin', backend));
  },
};

export default defineConfig({
  // No framework plugin: Vite's own transformer compiles JSX for Preact.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  // The participant page's service worker (/sw.js) with its shell, NAME.br
  // and NAME.gz beside every file (the server picks one by Accept-Encoding),
  // and the participant page's weight checked: see README.
  plugins: [
    shellPlugin({ page: 'index.html', worker: 'src/shell/service-worker.ts' }),
    precompressPlugin(),
    budgetPlugin({ 'index.html': PARTICIPANT_BUDGET_BYTES }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed files under /assets/ get long immutable caching from the server.
    assetsDir: 'assets',
    // Keep every asset a file: the server's Content-Security-Policy is easier
    // to reason about when nothing is inlined as a data: URL.
    assetsInlineLimit: 0,
    target: 'es2020',
    // dist/.vite/manifest.json: which files each page loads, for the budget
    // (the server does not serve dot folders).
    manifest: true,
    // hls.js (its light build, ≈360 kB, 115 kB gzip) is one lazily loaded chunk that only the session view fetches.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      input: pages,
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': sameOrigin,
      '/hls': sameOrigin,
      '/healthz': sameOrigin,
      '/ws': { ...sameOrigin, ws: true },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
