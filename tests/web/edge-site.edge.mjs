// The demo forum as it runs in production (scripts/edge-demo.sh): Debian's
// nginx with deploy/nginx/veche.conf in front of `veche serve`. Over HTTPS
// in Chromium (trusting the demo's self-signed certificate): a participant
// joins and asks over wss://, the moderator approves, the participant sees
// it; the hall's video plays through nginx's cache; the screen's QR code
// carries http.public_url, whatever address the projector used.
import { mkdir } from 'node:fs/promises';
import tls from 'node:tls';
import { DESKTOP, PHONE, launchChromium, screenshot } from './lib/browser.mjs';
import { request, startEdgeDemo, trustCertificate } from './lib/edge.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import { SESSION, WATCHING_MS, checkNoProblems, joinAs, pageOpener } from './lib/pages.mjs';
import { OUTPUT_DIR } from './lib/paths.mjs';
import { mintToken } from './lib/veche.mjs';

const QUESTION = 'Как привлечь инвестиции в малый город?';

/** The TLS handshake nginx offers: protocol and ALPN (h2 when HTTP/2 is on). */
function handshake(port, ca, options = {}) {
  return new Promise((resolveHello, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca, ALPNProtocols: ['h2', 'http/1.1'], ...options });
    socket.once('secureConnect', () => {
      resolveHello({ protocol: socket.getProtocol(), alpn: socket.alpnProtocol });
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

await runTest('edge-site.edge: the forum over HTTPS through nginx, in Chromium', async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const edge = await step('scripts/edge-demo.sh starts nginx in front of veche on free ports', () => startEdgeDemo());
  let browser = null;
  try {
    const base = edge.base;

    await step('plain http redirects to https; TLS 1.2+ with HTTP/2 and HSTS; older TLS is refused', async () => {
      const redirect = await request({ port: edge.httpPort, path: `/?session=${SESSION}`, headers: { Host: `localhost:${edge.httpPort}` } });
      checkEqual(redirect.status, 301, 'status of http://');
      checkEqual(redirect.headers.location, `${base}/?session=${SESSION}`, 'where http:// redirects');
      const hello = await handshake(edge.edgePort, edge.ca);
      checkEqual(hello.alpn, 'h2', 'ALPN protocol');
      check(hello.protocol === 'TLSv1.3' || hello.protocol === 'TLSv1.2', `TLS version ${hello.protocol}`);
      const old = await handshake(edge.edgePort, edge.ca, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1' }).then(
        (h) => `accepted ${h.protocol}`,
        () => 'refused',
      );
      checkEqual(old, 'refused', 'a TLS 1.1 handshake');
      const page = await request({ tls: true, ca: edge.ca, port: edge.edgePort, path: '/' });
      checkEqual(page.status, 200, 'status of /');
      check(/max-age=\d+/.test(page.headers['strict-transport-security'] ?? ''), 'no Strict-Transport-Security header');
      checkEqual((await request({ tls: true, ca: edge.ca, port: edge.edgePort, path: '/metrics' })).status, 404, '/metrics through the public site');
    });

    const moderatorToken = await step('mint a moderator token with veche token', () => mintToken('moderator'));
    browser = await step('launch Chromium, trusting the demo certificate', () => launchChromium(trustCertificate(edge.ca)));
    const { open, dialogs } = pageOpener(browser, base);

    const a = await step('a participant opens the session over https and joins', async () => {
      const p = await open('participant', PHONE, `/?session=${SESSION}`);
      p.sockets = [];
      p.page.on('websocket', (ws) => p.sockets.push(ws.url()));
      p.video = [];
      p.page.on('response', (r) => {
        if (r.url().includes('/hls/')) p.video.push({ url: r.url(), status: r.status(), cache: r.headers()['x-cache-status'] });
      });
      await joinAs(p.page, 'Ирина Волкова');
      checkEqual(await p.page.evaluate(() => performance.getEntriesByType('navigation')[0].nextHopProtocol), 'h2', 'HTTP version of the page');
      const worker = await p.page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL));
      checkEqual(worker, `${base}/sw.js`, "the page's service worker over https");
      return p;
    });

    await step('the participant asks over wss://; the question waits for moderation', async () => {
      await a.page.getByLabel('Ваш вопрос').fill(QUESTION);
      await a.page.getByRole('button', { name: 'Отправить' }).click();
      await a.page.getByText('Вопрос отправлен и ждёт модерации.').waitFor();
      check(a.sockets.length > 0 && a.sockets.every((u) => u === `wss://localhost:${edge.edgePort}/ws`), `the page's WebSockets: ${a.sockets.join(', ')}`);
    });

    const mod = await step('the moderator approves it with the keyboard', async () => {
      const p = await open('moderator', DESKTOP, `/moderator?session=${SESSION}#token=${moderatorToken}`);
      const incoming = p.page.locator('.mod-col--incoming li.mod-q').filter({ hasText: QUESTION });
      await incoming.waitFor();
      await incoming.focus();
      await p.page.keyboard.press('a');
      await p.page.locator('.mod-col--approved li.mod-q').filter({ hasText: QUESTION }).waitFor();
      return p;
    });

    await step('the participant sees it approved', async () => {
      await a.page.locator('li.question--mine .badge--pending').waitFor({ state: 'detached', timeout: WATCHING_MS });
      await a.page.locator('li.question').filter({ hasText: QUESTION }).waitFor({ timeout: WATCHING_MS });
    });

    const b = await step("the hall's video plays through the cache: a second viewer gets segments nginx already holds", async () => {
      await a.page.waitForFunction(() => {
        const v = document.querySelector('video.video__media');
        return v && v.readyState >= 2 && !v.paused && v.currentTime > 0;
      }, null, { timeout: 20_000 });
      const p = await open('second viewer', PHONE, `/?session=${SESSION}`);
      p.video = [];
      p.page.on('response', (r) => {
        if (r.url().includes('/hls/')) p.video.push({ url: r.url(), status: r.status(), cache: r.headers()['x-cache-status'] });
      });
      await p.page.reload({ waitUntil: 'load' });
      await p.page.waitForFunction(() => {
        const v = document.querySelector('video.video__media');
        return v && v.readyState >= 2 && !v.paused && v.currentTime > 1;
      }, null, { timeout: 20_000 });
      // A phone starts on the hall's lowest rung and climbs to the one the first viewer plays: the segments it
      // then asks for are those nginx already holds.
      const cached = () => p.video.some((r) => r.url.endsWith('.ts') && r.cache === 'HIT');
      for (const until = Date.now() + 30_000; !cached() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 250));
      const all = [...a.video, ...p.video];
      check(all.length > 0 && all.every((r) => r.status === 200 && r.cache), `video responses without a cache status: ${JSON.stringify(all.filter((r) => !r.cache))}`);
      check(cached(), `no segment came from the cache for the second viewer: ${JSON.stringify(p.video)}`);
      return p;
    });

    const screen = await step('the screen, opened at https://127.0.0.1, shows http.public_url in its QR code', async () => {
      const other = `https://127.0.0.1:${edge.edgePort}`;
      const { open: openOther, dialogs: more } = pageOpener(browser, other);
      // No token: it joins as a participant with a POST whose Origin is https://127.0.0.1:PORT,
      // its own origin only as X-Forwarded-Proto tells Veche (the scheme) through nginx.
      const p = await openOther('screen', DESKTOP, `/screen?session=${SESSION}`);
      const qr = p.page.locator('canvas.qr');
      await qr.waitFor();
      checkEqual(await qr.getAttribute('data-qr-text'), `${base}/?session=${SESSION}`, 'QR code target');
      await p.page.getByText(`localhost:${edge.edgePort}/?session=${SESSION}`).waitFor();
      checkEqual(more, [], 'dialogs on the screen');
      return p;
    });

    await step('screenshots', async () => {
      await screenshot(a.page, 'edge-participant-phone-ru.png');
      await screenshot(screen.page, 'edge-screen-projector-ru.png');
    });
    await step('no page reported a script error, a CSP refusal or a failed request', async () => checkNoProblems([a, mod, b, screen], dialogs));
    await browser.close();
    browser = null;
  } catch (error) {
    if (browser) await browser.close().catch(() => {});
    await edge.stop().catch(() => {});
    console.log(`edge-demo.sh output:\n${edge.log()}`);
    throw error;
  }
  await step('SIGTERM stops nginx and veche; nothing is left listening', async () => checkEqual(await edge.stop(), 143, 'exit code of edge-demo.sh'));
});
