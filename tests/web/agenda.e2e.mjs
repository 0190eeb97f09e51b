// The participant's agenda, end to end: the real server with its built-in
// demo forum, the built web client it serves, Debian's Chromium.
//
// Checks that every hall and session of /api/v1/event is on the page, in
// order, with times in the browser's zone; that the page works under the
// server's Content-Security-Policy without a console error; the language
// switch (and that it is remembered); the keyboard skip link; the retryable
// error state; and writes phone and desktop screenshots to tests/web/output/.
import { mkdir } from 'node:fs/promises';
import { DESKTOP, PHONE, launchChromium, screenshot, watchPage } from './lib/browser.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import { OUTPUT_DIR } from './lib/paths.mjs';
import { startVeche, stopAfterFailure, stopAfterSuccess } from './lib/server.mjs';

// A zone far from Moscow, so a page that ignored the reader's zone would show.
const PHONE_ZONE = 'Asia/Yekaterinburg';
const DESKTOP_ZONE = 'Europe/Moscow';

const normSpaces = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

function expectedTime(iso, locale, timeZone) {
  return normSpaces(new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(iso)));
}

function byStart(a, b) {
  return Date.parse(a.starts_at) - Date.parse(b.starts_at) || Date.parse(a.ends_at) - Date.parse(b.ends_at);
}

async function checkAgenda(page, event, { locale, timeZone }) {
  await page.getByRole('heading', { level: 1, name: event.title, exact: true }).waitFor();

  for (const hall of event.halls) {
    const region = page.getByRole('region', { name: hall.name, exact: true });
    check((await region.count()) === 1, `hall «${hall.name}» (${hall.id}) is not listed as a section named by its heading`);
    const sessions = event.sessions.filter((s) => s.hall === hall.id).sort(byStart);
    const titles = (await region.getByRole('heading', { level: 3 }).allTextContents()).map(normSpaces);
    checkEqual(titles, sessions.map((s) => normSpaces(s.title)), `sessions of hall «${hall.name}» in start order`);

    for (const session of sessions) {
      const item = region.locator('li.session').filter({
        has: page.getByRole('heading', { level: 3, name: session.title, exact: true }),
      });
      const times = await item.locator('time').evaluateAll((els) =>
        els.map((el) => [el.getAttribute('datetime'), el.textContent ?? '']),
      );
      checkEqual(
        times.map(([iso, text]) => [iso, normSpaces(text)]),
        [
          [session.starts_at, expectedTime(session.starts_at, locale, timeZone)],
          [session.ends_at, expectedTime(session.ends_at, locale, timeZone)],
        ],
        `times of «${session.title}» in ${timeZone}`,
      );
      const text = normSpaces(await item.innerText());
      for (const speaker of session.speakers ?? []) {
        check(text.includes(normSpaces(speaker.name)), `speaker ${speaker.name} of «${session.title}» is not shown`);
      }
    }
  }
  const shown = await page.getByRole('heading', { level: 3 }).count();
  checkEqual(shown, event.sessions.length, 'number of sessions on the page');
}

await runTest('agenda.e2e: the participant agenda in Chromium against build/veche', async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const server = await step('start veche serve with the demo forum', () => startVeche());
  let browser = null;
  try {
    const base = server.baseUrl;

    const event = await step('GET /api/v1/event', async () => {
      const response = await fetch(`${base}/api/v1/event`);
      check(response.ok, `/api/v1/event answered ${response.status}`);
      const body = await response.json();
      check(Array.isArray(body.halls) && Array.isArray(body.sessions), 'the event has no halls or sessions arrays');
      check(body.halls.length >= 3, `the demo forum should have 3 halls or more, it has ${body.halls.length}`);
      check(body.sessions.length >= 5, `the demo forum should have 5 sessions or more, it has ${body.sessions.length}`);
      check(body.sessions.some((s) => s.title === 'Сила в людях'), 'the demo forum has no session «Сила в людях»');
      const hallIds = new Set(body.halls.map((h) => h.id));
      for (const s of body.sessions) check(hallIds.has(s.hall), `session ${s.id} names unknown hall ${s.hall}`);
      return body;
    });

    await step('GET / serves the built page', async () => {
      const response = await fetch(`${base}/`);
      check(response.ok, `/ answered ${response.status}`);
      check((response.headers.get('content-type') ?? '').startsWith('text/html'), `/ is ${response.headers.get('content-type')}, not text/html`);
      const html = await response.text();
      check(html.includes('/assets/'), 'the page at / is not the built web client (no /assets/ in it): was web-client built?');
      if (!response.headers.get('content-security-policy')) {
        console.log('       note: / has no Content-Security-Policy header; the CSP part of this test proves nothing');
      }
    });

    browser = await step('launch Chromium', () => launchChromium());

    const phone = await browser.newContext({ ...PHONE, locale: 'ru-RU', timezoneId: PHONE_ZONE });
    phone.setDefaultTimeout(10_000);
    const page = await phone.newPage();
    const problems = watchPage(page, base);

    await step('phone: the agenda lists every hall and session, times in the reader zone', async () => {
      await page.goto(`${base}/`, { waitUntil: 'load' });
      await checkAgenda(page, event, { locale: 'ru-RU', timeZone: PHONE_ZONE });
      checkEqual(await page.evaluate(() => document.documentElement.lang), 'ru', '<html lang> by default');
      check((await page.title()).includes(event.title), `the document title "${await page.title()}" does not name the event`);
      const links = await page.getByRole('navigation', { name: 'Залы' }).getByRole('link').allTextContents();
      checkEqual(links.map(normSpaces), event.halls.map((h) => normSpaces(h.name)), 'the hall list');
      await screenshot(page, 'agenda-phone-ru.png');
    });

    await step('phone: the skip link is the first thing the keyboard reaches', async () => {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      checkEqual(normSpaces(focused), 'Перейти к программе', 'first focused element');
      await page.keyboard.press('Enter');
      checkEqual(await page.evaluate(() => document.activeElement?.id), 'main', 'focus after the skip link');
    });

    await step('phone: a hall link jumps to its hall', async () => {
      const last = event.halls.at(-1);
      await page.getByRole('navigation', { name: 'Залы' }).getByRole('link', { name: last.name, exact: true }).click();
      const region = page.getByRole('region', { name: last.name, exact: true });
      await page.waitForFunction((id) => location.hash === `#${id}`, await region.getAttribute('id'));
      check(await region.isVisible(), `hall «${last.name}» is not visible after following its link`);
    });

    await step('phone: switch to English, it is remembered, switch back', async () => {
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.getByRole('navigation', { name: 'Halls' }).waitFor();
      checkEqual(await page.evaluate(() => document.documentElement.lang), 'en', '<html lang> in English');
      checkEqual(
        await page.getByRole('button', { name: 'English', exact: true }).getAttribute('aria-pressed'),
        'true',
        'aria-pressed of the English button',
      );
      if (event.sessions.some((s) => s.kind === 'panel')) {
        check((await page.getByText('Panel discussion').count()) > 0, 'the kind "panel" is not labelled in English');
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'agenda-phone-en.png');

      await page.reload({ waitUntil: 'load' });
      await page.getByRole('navigation', { name: 'Halls' }).waitFor();
      await checkAgenda(page, event, { locale: 'en-GB', timeZone: PHONE_ZONE });
      checkEqual(await page.evaluate(() => document.documentElement.lang), 'en', '<html lang> after a reload');

      await page.getByRole('button', { name: 'Русский', exact: true }).click();
      await page.getByRole('navigation', { name: 'Залы' }).waitFor();
      checkEqual(await page.evaluate(() => document.documentElement.lang), 'ru', '<html lang> back in Russian');
      checkEqual(await page.evaluate(() => localStorage.getItem('veche.lang')), 'ru', 'the remembered language');
    });

    await step('phone: no script error, console error or CSP refusal', async () => {
      check(problems.length === 0, `the page reported problems:\n  ${problems.join('\n  ')}`);
    });

    await step('phone: a failed load shows a retryable error', async () => {
      // A phone that has not opened the forum before: one that has shows the
      // programme it kept instead (weak-link.e2e.mjs). No service worker, so
      // that the routes below see the page's requests.
      const fresh = await browser.newContext({ ...PHONE, locale: 'ru-RU', timezoneId: PHONE_ZONE, serviceWorkers: 'block' });
      fresh.setDefaultTimeout(10_000);
      const errorPage = await fresh.newPage();
      let answer = 'http';
      await errorPage.route('**/api/v1/event', (route) => {
        if (answer === 'http') return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"unavailable"}' });
        if (answer === 'network') return route.abort('connectionrefused');
        return route.continue();
      });
      await errorPage.goto(`${base}/`, { waitUntil: 'load' });
      const alert = errorPage.getByRole('alert');
      await alert.getByRole('heading', { name: 'Не удалось загрузить программу' }).waitFor();
      check((await alert.innerText()).includes('503'), 'the error does not mention the status 503');
      await screenshot(errorPage, 'agenda-error-phone-ru.png');

      answer = 'network';
      await alert.getByRole('button', { name: 'Повторить' }).click();
      await errorPage.getByText('Нет связи с сервером', { exact: false }).waitFor();

      answer = 'server';
      await errorPage.getByRole('button', { name: 'Повторить' }).click();
      await checkAgenda(errorPage, event, { locale: 'ru-RU', timeZone: PHONE_ZONE });
      check((await errorPage.getByRole('alert').count()) === 0, 'the error stays after a successful retry');
      await fresh.close();
    });

    await step('desktop: the agenda, and a screenshot', async () => {
      const desktop = await browser.newContext({ ...DESKTOP, locale: 'ru-RU', timezoneId: DESKTOP_ZONE });
      desktop.setDefaultTimeout(10_000);
      const desk = await desktop.newPage();
      const deskProblems = watchPage(desk, base);
      await desk.goto(`${base}/`, { waitUntil: 'load' });
      await checkAgenda(desk, event, { locale: 'ru-RU', timeZone: DESKTOP_ZONE });
      await screenshot(desk, 'agenda-desktop-ru.png');
      check(deskProblems.length === 0, `the page reported problems:\n  ${deskProblems.join('\n  ')}`);
      await desktop.close();
    });

    await phone.close();
  } catch (error) {
    await stopAfterFailure(browser, server);
    throw error;
  }
  await stopAfterSuccess(browser, server);
});
