// The hall's ladder in a participant's browser (contract 7.4): the demo hall
// offers its 640x360 picture as it comes, a 240p rung and its sound alone.
// On a phone behind a slow link (throttled through the DevTools protocol) the
// page starts on the low rung and stays there; when the link opens it climbs.
// «Только звук» plays the sound alone, with the last picture still and the
// captions over it, and the choice is remembered.
import { mkdir } from 'node:fs/promises';
import { PHONE, launchChromium, screenshot, watchPage } from './lib/browser.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import { SESSION, WATCHING_MS, joinAs } from './lib/pages.mjs';
import { OUTPUT_DIR } from './lib/paths.mjs';
import { startVeche, stopAfterFailure, stopAfterSuccess } from './lib/server.mjs';
import { DEMO_CONFIG, mintToken, waitForHallLive } from './lib/veche.mjs';

const HALL = 'main';
const kbps = (n) => (n * 1000) / 8; // DevTools wants bytes per second
const SLOW_LINK = { offline: false, latency: 60, downloadThroughput: kbps(800), uploadThroughput: kbps(800) };
const OPEN_LINK = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
const LINE = 'Слышно ли нас в регионах?';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const playing = (page) => page.evaluate(() => document.querySelector('video.video__media')?.dataset.playing ?? null);
const media = (page) =>
  page.evaluate(() => {
    const v = document.querySelector('video.video__media');
    return { time: v.currentTime, audioBytes: v.webkitAudioDecodedByteCount, width: v.videoWidth, muted: v.muted, paused: v.paused };
  });

async function waitForMaster(base) {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const text = await (await fetch(`${base}/hls/${HALL}/master.m3u8`)).text();
    if (text.includes('RESOLUTION=426x240') && text.includes('audio/index.m3u8')) return text;
    await sleep(250);
  }
  throw new Error('the master playlist never listed the 240p and audio-only rungs');
}

await runTest('ladder.e2e: a slow link starts low and climbs; the sound alone with captions', async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const server = await step('start veche serve with the demo config', () => startVeche({ args: ['--config', DEMO_CONFIG] }));
  let browser = null;
  try {
    const base = server.baseUrl;
    const captionerToken = await step('mint a captioner token', () => mintToken('captioner', { session: SESSION }));
    await step(`hall «${HALL}» is on air with its three rungs`, async () => {
      await waitForHallLive(base, HALL);
      const master = await waitForMaster(base);
      check(master.includes('RESOLUTION=640x360'), `no 640x360 rung in\n${master}`);
    });

    browser = await step('launch Chromium', () => launchChromium());
    const context = await browser.newContext({ ...PHONE, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems = watchPage(page, base);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.enable');

    await step('a phone behind an 800 kbit/s link plays the 240p rung and stays on it', async () => {
      await devtools.send('Network.emulateNetworkConditions', SLOW_LINK);
      await page.goto(`${base}/?session=${SESSION}`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('video.video__media')?.currentTime > 0, null, { timeout: 30_000 });
      await page.waitForFunction(() => document.querySelector('video.video__media')?.dataset.playing !== undefined);
      checkEqual(await playing(page), '240', 'the rung a phone starts on');
      const menu = page.getByLabel('Качество');
      checkEqual(await menu.inputValue(), 'auto', 'the quality chosen');
      checkEqual(
        await menu.locator('option').allTextContents(),
        ['Авто (240p)', '360p', '240p', 'Только звук'],
        'the quality menu',
      );
      for (let i = 0; i < 16; i++) {
        await sleep(500);
        checkEqual(await playing(page), '240', 'the rung on an 800 kbit/s link');
      }
      await screenshot(page, 'participant-ladder-slow-link-phone-ru.png');
    });

    await step('the link opens: the player climbs to the 640x360 picture', async () => {
      await devtools.send('Network.emulateNetworkConditions', OPEN_LINK);
      await page.waitForFunction(() => document.querySelector('video.video__media')?.dataset.playing === '360', null, {
        timeout: 45_000,
      });
      checkEqual(await page.getByLabel('Качество').locator('option').first().textContent(), 'Авто (360p)', 'the automatic choice');
    });

    await step('with captions on, «Только звук» plays the sound alone under the still picture and the captions', async () => {
      await joinAs(page, 'Слушатель');
      await page.getByRole('button', { name: 'Субтитры' }).click();
      const response = await fetch(`${base}/api/v1/sessions/${SESSION}/transcript`, {
        method: 'POST',
        headers: { authorization: `Bearer ${captionerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'ladder-line', text: LINE, final: true }),
      });
      checkEqual(response.status, 200, 'the captioner’s line is taken');
      await page.locator('.video__captions').filter({ hasText: LINE }).waitFor({ timeout: WATCHING_MS });

      await page.getByLabel('Качество').selectOption('audio');
      const switched = requests.length;
      await page.waitForFunction(() => document.querySelector('video.video__media')?.dataset.playing === 'audio');
      await page.getByText('Только звук: видео не загружается').waitFor();
      check((await page.locator('.video__still img').count()) === 1, 'no still picture while the sound plays alone');
      await page.waitForFunction(() => {
        const v = document.querySelector('video.video__media');
        return v.currentTime > 0 && !v.paused && v.readyState >= 3;
      });
      const before = await media(page);
      await sleep(3_000);
      const after = await media(page);
      check(after.time > before.time + 2, `the sound does not play on (${before.time} → ${after.time})`);
      check(after.audioBytes > before.audioBytes, 'no sound was decoded');
      checkEqual(after.width, 0, 'the width of the picture played');
      checkEqual(after.muted, false, 'muted');
      check(await page.locator('.video__captions').filter({ hasText: LINE }).isVisible(), 'the captions are gone');
      const since = requests.slice(switched);
      check(since.some((u) => u.includes(`/hls/${HALL}/audio/`) && u.endsWith('.ts')), 'no audio-only segment was loaded');
      const pictures = since.filter((u) => /\/hls\/main\/(360p|240p)\/.*\.ts$/.test(u));
      checkEqual(pictures, [], 'picture segments loaded while only the sound plays');
      await screenshot(page, 'participant-audio-only-phone-ru.png');
    });

    await step('the choice is remembered: the next visit plays the sound alone', async () => {
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('video.video__media')?.dataset.playing === 'audio', null, {
        timeout: 30_000,
      });
      checkEqual(await page.getByLabel('Качество').inputValue(), 'audio', 'the quality chosen');
    });

    await step('no script error, console error or failed request', async () => {
      check(problems.length === 0, `the page reported problems:\n  ${problems.join('\n  ')}`);
    });
    await context.close();
  } catch (error) {
    await stopAfterFailure(browser, server);
    throw error;
  }
  await stopAfterSuccess(browser, server);
});
