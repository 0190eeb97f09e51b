// Helpers for the tests that drive several people's pages at once.
import { check, checkEqual } from './harness.mjs';
import { watchPage } from './browser.mjs';

export const SESSION = 'sila-v-lyudyakh';
/** A question that must stay text on every page. */
export const XSS = '<img src=x onerror=alert(1)>';
/** A participant watching the video gets events when the picture reaches them: a few seconds behind. */
export const WATCHING_MS = 30_000;

export const normSpaces = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

export async function texts(locator) {
  return (await locator.allTextContents()).map(normSpaces);
}

/**
 * Opens pages, each in its own browser context (as separate people), and
 * records every dialog (an alert would mean user text ran as script).
 */
export function pageOpener(browser, base, contextOptions = {}) {
  const dialogs = [];
  const open = async (name, device, path) => {
    const context = await browser.newContext({ ...device, locale: 'ru-RU', timezoneId: 'Europe/Moscow', acceptDownloads: true, ...contextOptions });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(`${name}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const problems = watchPage(page, base);
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    return { name, context, page, problems };
  };
  return { open, dialogs };
}

/** No script error, console error, CSP refusal or failed request on any of the pages, and no dialog. */
export function checkNoProblems(pages, dialogs) {
  checkEqual(dialogs, [], 'dialogs');
  for (const p of pages) {
    check(p.problems.length === 0, `the ${p.name} page reported problems:\n  ${p.problems.join('\n  ')}`);
  }
}

/** No <img src=x> element and the question visible as typed. */
export async function checkShownAsText(page, where) {
  checkEqual(await page.locator('img[src="x"]').count(), 0, `<img src=x> elements on the ${where} page`);
  check((await page.getByText(XSS, { exact: true }).count()) > 0, `the ${where} page does not show the question ${XSS} as text`);
}

export async function isWatching(page) {
  return page.evaluate(() => {
    const v = document.querySelector('video.video__media');
    return Boolean(v && !v.paused && v.readyState >= 2 && v.currentTime > 0);
  });
}

/** A participant joins on the session page, with a name or none. */
export async function joinAs(page, name) {
  if (name) await page.getByLabel('Имя').fill(name);
  await page.getByRole('button', { name: 'Присоединиться' }).click();
  await page.getByText(name ? `Вы участвуете как ${name}` : 'Вы участвуете без имени').waitFor();
}
