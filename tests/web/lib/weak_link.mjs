// The participant page over a slow mobile link: Chromium's own network
// emulation (DevTools `Network.emulateNetworkConditions`) with an empty
// cache, the real server, and a byte-counting TCP relay between them, so
// every byte the phone receives is counted (the page's, the service
// worker's, the WebSocket's) whichever part of the browser asked for it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PHONE, watchPage } from './browser.mjs';
import { REPO_ROOT } from './paths.mjs';
import { SESSION } from './pages.mjs';
import { startVeche } from './server.mjs';
import { DEMO_CONFIG, mintToken, waitForHallLive } from './veche.mjs';

/** The link profiles of the targets (issue "weak link"): kbit/s and round-trip time. */
export const NETWORKS = {
  'regular-3g': { label: 'Regular 3G', downKbps: 750, upKbps: 250, rttMs: 100 },
  'slow-4g': { label: 'Slow 4G', downKbps: 1600, upKbps: 750, rttMs: 150 },
};

/** Requests of the video: the player's code (hls.js, loaded lazily) and the HLS playlists and segments. */
export const isVideoRequest = (url) => /^\/(hls\/|assets\/hls[.-][^/]*\.js$)/.test(new URL(url).pathname);
const VIDEO_URL_PATTERNS = ['*/hls/*', '*/assets/hls-*.js', '*/assets/hls.*.js'];

/**
 * `veche serve` with the demo forum, asks unthrottled (so a test can fill a
 * session with questions at once), optionally serving another build of the
 * web client (`webRoot`, to measure an older one side by side).
 */
export async function startForum({ webRoot } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'veche-weak-link-'));
  const config = JSON.parse(await readFile(resolve(REPO_ROOT, DEMO_CONFIG), 'utf8'));
  config.limits = { ...config.limits, asks_per_minute: 10_000 };
  if (webRoot) config.http = { ...config.http, web_root: resolve(webRoot) };
  const file = join(dir, 'forum.json');
  await writeFile(file, JSON.stringify(config));
  const server = await startVeche({ args: ['--config', file] });
  const stop = server.stop;
  server.stop = async (...args) => {
    try {
      return await stop(...args);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  return server;
}

/**
 * A TCP relay on a free loopback port in front of `target` ("host:port")
 * that counts the bytes sent to the browser. `cut()` drops every connection
 * and refuses new ones (a dead zone), `restore()` ends that.
 */
export async function byteCounter(target) {
  const [host, port] = [target.split(':')[0], Number(target.split(':')[1])];
  const sockets = new Set();
  let down = 0;
  let up = 0;
  let cut = false;
  const server = createServer((client) => {
    if (cut) return client.destroy();
    const upstream = createConnection({ host, port });
    sockets.add(client).add(upstream);
    const forget = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk) => {
      up += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      down += chunk.length;
      client.write(chunk);
    });
    client.on('close', forget).on('error', forget);
    upstream.on('close', forget).on('error', forget);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    bytes: () => ({ down, up }),
    reset: () => {
      down = 0;
      up = 0;
    },
    cut: () => {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    restore: () => {
      cut = false;
    },
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * Fills the session with approved questions and a few votes, as a moderator
 * would see it mid-session, over the page's own WebSocket from a browser
 * page that is not throttled.
 */
export async function seedQuestions(browser, base, count) {
  const token = await mintToken('moderator');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/healthz`);
    const seeded = await page.evaluate(
      ({ token, session, count }) =>
        new Promise((resolveSeed, reject) => {
          const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
          const pending = new Map();
          let rid = 0;
          const request = (message) =>
            new Promise((ok, fail) => {
              const id = `seed-${++rid}`;
              pending.set(id, { ok, fail });
              ws.send(JSON.stringify({ ...message, rid: id }));
            });
          ws.onmessage = async (e) => {
            const message = JSON.parse(e.data);
            if (message.type === 'welcome') {
              try {
                const ids = [];
                for (let i = 1; i <= count; i++) {
                  const text = `Вопрос ${i}: как району с населением в ${i * 1000} человек привлечь молодых специалистов и удержать их на малой родине?`;
                  const ack = await request({ type: 'ask', session, text, anonymous: false });
                  await request({ type: 'moderate', question: ack.id, action: 'approve' });
                  ids.push(ack.id);
                }
                ws.close();
                resolveSeed(ids.length);
              } catch (error) {
                reject(error);
              }
              return;
            }
            const waiter = message.rid && pending.get(message.rid);
            if (!waiter) return;
            pending.delete(message.rid);
            if (message.type === 'ack') waiter.ok(message);
            else waiter.fail(new Error(`${message.code}: ${message.message}`));
          };
          ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', token }));
          ws.onerror = () => reject(new Error('the seeding WebSocket failed'));
        }),
      { token, session: SESSION, count },
    );
    if (seeded !== count) throw new Error(`seeded ${seeded} questions of ${count}`);
  } finally {
    await context.close();
  }
}

/** A participant who joined earlier (a token kept on the phone), as `localStorage` holds it. */
export async function joinedParticipant(base, name) {
  const response = await fetch(`${base}/api/v1/join`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) throw new Error(`POST /api/v1/join answered ${response.status}`);
  const body = await response.json();
  return { token: body.token, participant: { id: body.participant.id, name: body.participant.name ?? '' } };
}

export const storageWith = (origin, identity) => ({
  cookies: [],
  origins: [{ origin, localStorage: [{ name: 'veche.participant', value: JSON.stringify(identity) }] }],
});

// Runs in the page before its own scripts: the moments (ms since navigation
// start) at which the questions list, the ask box and the first video frame
// first appear.
const MARKS_SCRIPT = () => {
  const marks = {};
  window.__weakLinkMarks = marks;
  const mark = (name) => {
    if (!(name in marks)) marks[name] = performance.now();
  };
  const look = () => {
    if (document.querySelector('section.questions li.question')) mark('questions');
    if (document.querySelector('section.ask textarea')) mark('askBox');
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
  document.addEventListener('loadeddata', () => mark('firstFrame'), true);
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Turns Chromium's network emulation on for a page (DevTools protocol). */
export async function emulateNetwork(page, network) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.rttMs,
    downloadThroughput: (network.downKbps * 1000) / 8,
    uploadThroughput: (network.upKbps * 1000) / 8,
  });
  return cdp;
}

/**
 * A first visit with an empty cache over `network`: how long until the
 * questions list, the ask box and (with `video`) the first frame show, and
 * the bytes received. The view ends when all of these showed and no request
 * but the video's has been in flight for `quietMs`. Without `video` the
 * player's requests are refused, and `bytes.total` is the page's alone.
 */
export async function firstView(browser, relay, { network, identity, video = true, timeoutMs = 40_000, quietMs = 2_000, extraInit = null }) {
  const base = relay.baseUrl;
  const context = await browser.newContext({ ...PHONE, locale: 'ru-RU', timezoneId: 'Europe/Moscow', storageState: storageWith(base, identity) });
  try {
    await context.addInitScript(MARKS_SCRIPT);
    if (extraInit) await context.addInitScript(extraInit);
    const page = await context.newPage();
    const problems = watchPage(page, base);
    const cdp = await emulateNetwork(page, network);
    // Without video: the player's code and the stream are refused at once, so
    // every byte the relay counts is the page's.
    if (!video) await cdp.send('Network.setBlockedURLs', { urls: VIDEO_URL_PATTERNS });
    const requests = new Map();
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
      requests.set(requestId, { url: request.url, bytes: 0, done: false, coding: null });
      if (!isVideoRequest(request.url)) lastActivity = Date.now();
    });
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const r = requests.get(requestId);
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      if (r) r.coding = headers['content-encoding'] ?? 'identity';
    });
    const finish = ({ requestId, encodedDataLength }) => {
      const r = requests.get(requestId);
      if (!r) return;
      r.done = true;
      r.bytes = encodedDataLength ?? 0;
      if (!isVideoRequest(r.url)) lastActivity = Date.now();
    };
    cdp.on('Network.loadingFinished', finish);
    cdp.on('Network.loadingFailed', finish);

    relay.reset();
    await page.goto(`${base}/?session=${SESSION}`, { waitUntil: 'commit', timeout: timeoutMs });
    const wanted = ['questions', 'askBox', ...(video ? ['firstFrame'] : [])];
    const until = Date.now() + timeoutMs;
    let marks = {};
    for (;;) {
      marks = await page.evaluate(() => ({ ...window.__weakLinkMarks }));
      const pageBusy = [...requests.values()].some((r) => !r.done && !isVideoRequest(r.url));
      if (wanted.every((m) => m in marks) && !pageBusy && Date.now() - lastActivity >= quietMs) break;
      if (Date.now() > until) throw new Error(`the page did not show ${wanted.filter((m) => !(m in marks)).join(', ') || 'everything and settle'} within ${timeoutMs} ms on ${network.label}`);
      await sleep(100);
    }
    return {
      questionsMs: Math.round(marks.questions),
      askBoxMs: Math.round(marks.askBox),
      firstFrameMs: video ? Math.round(marks.firstFrame) : null,
      bytes: relay.bytes().down,
      requests: [...requests.values()].map(({ url, bytes, coding }) => ({ url, bytes, coding })),
      problems,
      page,
      context,
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** The demo forum on air with `questions` approved questions in the session, behind a byte-counting relay. */
export async function weakLinkForum(browser, { webRoot, questions = 20 } = {}) {
  const server = await startForum({ webRoot });
  try {
    await waitForHallLive(server.baseUrl, 'main');
    const relay = await byteCounter(`127.0.0.1:${server.port}`);
    await seedQuestions(browser, relay.baseUrl, questions);
    return { server, relay };
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}
