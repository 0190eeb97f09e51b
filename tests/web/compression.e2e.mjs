// The built web client, compressed by its build and sent compressed by the
// real server: every NAME.br and NAME.gz in web-client/dist decompresses to
// NAME; `veche serve` gives a client the coding it asks for (br, gzip or
// none, q-values honoured) with Content-Encoding, Vary, an ETag and 304 of
// its own, and ranges of that coding; the JSON API is gzipped past 1 KB; and
// Chromium loading the participant page gets its HTML, scripts and styles
// compressed.
import { readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PHONE, launchChromium, watchPage } from './lib/browser.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import { WEB_CLIENT_DIST } from './lib/paths.mjs';
import { startVeche } from './lib/server.mjs';

/** A raw GET (no decoding, unlike fetch): status, headers and the bytes as sent. */
function get(base, path, headers = {}) {
  return new Promise((resolveGet, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolveGet({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const read = (name) => readFileSync(join(WEB_CLIENT_DIST, name));

await runTest('compression.e2e: the built client, pre-compressed, sent in the coding each client asks for', async () => {
  const assets = await step('every .br and .gz the build wrote decompresses to its original', async () => {
    const all = [...files(WEB_CLIENT_DIST)].map((p) => relative(WEB_CLIENT_DIST, p));
    const compressed = all.filter((n) => /\.(br|gz)$/.test(n));
    for (const name of compressed) {
      const original = read(name.replace(/\.(br|gz)$/, ''));
      const copy = read(name);
      const decoded = name.endsWith('.br') ? brotliDecompressSync(copy) : gunzipSync(copy);
      check(decoded.equals(original), `${name} does not decompress to its original`);
      check(copy.length < original.length, `${name} is not smaller than its original`);
    }
    for (const name of ['index.html', 'sw.js']) check(compressed.includes(`${name}.br`) && compressed.includes(`${name}.gz`), `no ${name}.br/.gz`);
    const html = read('index.html').toString();
    const script = /src="\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
    const style = /href="\/(assets\/[^"]+\.css)"/.exec(html)?.[1];
    const player = all.find((n) => /^assets\/hls\.light-[^/]+\.js$/.test(n));
    check(script && style && player, `the participant page's script ${script}, style ${style} and player ${player}`);
    console.log(`       ${compressed.length} compressed copies checked`);
    return { script, style, player };
  });

  const server = await step('start veche serve', () => startVeche());
  let browser = null;
  try {
    const base = server.baseUrl;
    for (const name of ['index.html', assets.script, assets.style, assets.player, 'sw.js']) {
      await step(`/${name}: br, gzip and identity each to the client that asks, with Vary, its own ETag and 304`, async () => {
        const path = name === 'index.html' ? '/' : `/${name}`;
        const cases = [
          ['br', 'br', read(`${name}.br`)],
          ['gzip, deflate, br, zstd', 'br', read(`${name}.br`)],
          ['gzip', 'gzip', read(`${name}.gz`)],
          ['br;q=0, gzip', 'gzip', read(`${name}.gz`)],
          ['gzip;q=0.5, br;q=0.1', 'gzip', read(`${name}.gz`)],
          [null, undefined, read(name)],
          ['identity', undefined, read(name)],
        ];
        const etags = new Set();
        for (const [accept, coding, bytes] of cases) {
          const headers = accept === null ? {} : { 'Accept-Encoding': accept };
          const res = await get(base, path, headers);
          checkEqual(res.status, 200, `status for Accept-Encoding ${accept}`);
          checkEqual(res.headers['content-encoding'], coding, `Content-Encoding for Accept-Encoding ${accept}`);
          check(/accept-encoding/i.test(res.headers.vary ?? ''), `Vary for Accept-Encoding ${accept}: ${res.headers.vary}`);
          check(res.body.equals(bytes), `the body for Accept-Encoding ${accept} is not the file's ${coding ?? 'identity'} bytes`);
          const again = await get(base, path, { ...headers, 'If-None-Match': res.headers.etag });
          checkEqual(again.status, 304, `If-None-Match for Accept-Encoding ${accept}`);
          etags.add(res.headers.etag);
        }
        checkEqual(etags.size, 3, 'distinct ETags for br, gzip and identity');
      });
    }

    await step('a range of the player in brotli is that range of its .br file', async () => {
      const br = read(`${assets.player}.br`);
      const res = await get(base, `/${assets.player}`, { 'Accept-Encoding': 'br', Range: 'bytes=100-1099' });
      checkEqual(res.status, 206, 'status of a range');
      checkEqual(res.headers['content-encoding'], 'br', 'Content-Encoding of a range');
      checkEqual(res.headers['content-range'], `bytes 100-1099/${br.length}`, 'Content-Range');
      check(res.body.equals(br.subarray(100, 1100)), 'the range is not the .br bytes 100-1099');
    });

    await step('GET /api/v1/event (over 1 KB): gzip for a client that accepts it, plain JSON for one that does not', async () => {
      const zipped = await get(base, '/api/v1/event', { 'Accept-Encoding': 'gzip, br' });
      checkEqual(zipped.headers['content-encoding'], 'gzip', 'Content-Encoding of the event');
      const plain = await get(base, '/api/v1/event');
      checkEqual(plain.headers['content-encoding'], undefined, 'Content-Encoding without Accept-Encoding');
      check(plain.body.length > 1024, `the event is ${plain.body.length} bytes`);
      check(gunzipSync(zipped.body).equals(plain.body), 'the gzipped event is not the plain one');
    });

    browser = await step('launch Chromium', () => launchChromium());
    await step('Chromium gets the participant page, its scripts and its styles compressed', async () => {
      const context = await browser.newContext({ ...PHONE, locale: 'ru-RU' });
      const page = await context.newPage();
      const problems = watchPage(page, base);
      const codings = [];
      page.on('response', async (response) => {
        const url = new URL(response.url());
        if (url.pathname === '/' || /\.(js|css)$/.test(url.pathname)) codings.push([url.pathname, (await response.allHeaders())['content-encoding']]);
      });
      await page.goto(`${base}/`, { waitUntil: 'networkidle' });
      check(codings.length >= 3, `only ${codings.length} documents, scripts and styles loaded`);
      const plain = codings.filter(([, coding]) => !['br', 'gzip'].includes(coding));
      checkEqual(plain, [], 'responses without br or gzip');
      check(problems.length === 0, `the page reported problems:\n  ${problems.join('\n  ')}`);
      await context.close();
    });
  } finally {
    if (browser) await browser.close().catch(() => {});
    await step('SIGTERM stops veche with exit code 0', async () => checkEqual(await server.stop(5000), 0, 'exit code of veche'));
  }
});
