// The participant's video, end to end: the demo hall's synthetic picture
// relayed by `veche serve` as HLS, played by hls.js in Debian's Chromium
// under the server's Content-Security-Policy (hls.js runs its transmuxer in a
// blob: worker), on a phone-sized page.
import { mkdir } from 'node:fs/promises';
import { PHONE, launchChromium, screenshot, watchPage } from './lib/browser.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import { OUTPUT_DIR } from './lib/paths.mjs';
import { startVeche, stopAfterFailure, stopAfterSuccess } from './lib/server.mjs';
import { waitForHallLive } from './lib/veche.mjs';

const SESSION = 'sila-v-lyudyakh';
const HALL = 'main';

await runTest('video.e2e: the hall video plays for a participant', async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const server = await step('start veche serve with the demo forum', () => startVeche());
  let browser = null;
  try {
    const base = server.baseUrl;
    await step(`hall «${HALL}» goes live; its playlist carries EXT-X-PROGRAM-DATE-TIME (the clock the page follows)`, async () => {
      const playlist = await waitForHallLive(base, HALL);
      check(playlist.startsWith('#EXTM3U'), 'not an HLS playlist');
      check(playlist.includes('#EXT-X-PROGRAM-DATE-TIME:'), 'no EXT-X-PROGRAM-DATE-TIME in the playlist');
    });

    browser = await step('launch Chromium', () => launchChromium());
    const context = await browser.newContext({ ...PHONE, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems = watchPage(page, base);

    await step('phone: the session page plays the hall video (its current time advances)', async () => {
      await page.goto(`${base}/?session=${SESSION}`, { waitUntil: 'load' });
      const video = page.locator('video.video__media');
      await page.waitForFunction(() => document.querySelector('video.video__media')?.dataset.player !== undefined);
      checkEqual(await video.getAttribute('data-player'), 'hls.js', 'the player Chromium uses');
      await page.waitForFunction(() => {
        const v = document.querySelector('video.video__media');
        return v && v.readyState >= 2 && !v.paused && v.currentTime > 0;
      });
      const first = await video.evaluate((v) => v.currentTime);
      await page.waitForFunction((t) => document.querySelector('video.video__media').currentTime > t + 1.5, first, { timeout: 10_000 });
      await page.locator('.video__status').getByText('В эфире').waitFor();
    });

    await step('phone: a screenshot of the playing session page', async () => {
      await screenshot(page, 'participant-video-phone-ru.png');
    });

    await step('phone: no script error, console error or CSP refusal', async () => {
      check(problems.length === 0, `the page reported problems:\n  ${problems.join('\n  ')}`);
    });
    await context.close();
  } catch (error) {
    await stopAfterFailure(browser, server);
    throw error;
  }
  await stopAfterSuccess(browser, server);
});
