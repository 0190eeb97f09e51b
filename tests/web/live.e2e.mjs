// The live Q&A end to end, every page in Debian's Chromium against the real
// `veche serve` (demo config): participants, moderator, speaker, screen and
// captioner each in their own browser context, as separate people would be.
//
//   a participant asks (pre-moderation) → the moderator approves with the
//   keyboard → a second participant and the speaker see it → votes reorder
//   the speaker queue → a highlight shows on the screen, at once for a
//   participant not watching the video and only when the picture reaches it
//   for one watching → the CSV export → after a server restart every page
//   says it is offline, then resumes by itself. The question
//   `<img src=x onerror=alert(1)>` shows as text on every page.
import { mkdir, readFile } from 'node:fs/promises';
import { DESKTOP, PHONE, launchChromium, screenshot } from './lib/browser.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import {
  SESSION,
  WATCHING_MS,
  XSS,
  checkNoProblems,
  checkShownAsText,
  isWatching,
  joinAs,
  pageOpener,
  texts,
} from './lib/pages.mjs';
import { OUTPUT_DIR } from './lib/paths.mjs';
import { startVeche, stopAfterFailure, stopAfterSuccess } from './lib/server.mjs';
import { DEMO_CONFIG, mintToken, waitForHallLive } from './lib/veche.mjs';

const SECOND = 'Как удержать молодых специалистов в малых городах?';
const TABLET = { viewport: { width: 1024, height: 768 } };
const PROJECTOR = { viewport: { width: 1280, height: 720 } };

/** The vote button of a question is pressed (the participant's own vote). */
const votePressed = (page, text, timeout) =>
  page.waitForFunction(
    (t) =>
      [...document.querySelectorAll('li.question')].find((li) => li.textContent.includes(t))?.querySelector('button.vote')?.getAttribute('aria-pressed') ===
      'true',
    text,
    { timeout },
  );

await runTest('live.e2e: ask, moderate, vote, highlight, export and resume across every page', async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
  let server = await step('start veche serve with the demo config', () => startVeche({ args: ['--config', DEMO_CONFIG] }));
  let browser = null;
  try {
    const base = server.baseUrl;
    const [moderatorToken, speakerToken, captionerToken] = await step('mint staff tokens with veche token', () =>
      Promise.all([mintToken('moderator'), mintToken('speaker'), mintToken('captioner', { session: SESSION })]),
    );
    await step('the hall of the session is on air', () => waitForHallLive(base, 'main'));
    browser = await step('launch Chromium', () => launchChromium());
    const { open, dialogs } = pageOpener(browser, base);

    const a = await step('participant A opens the session from the agenda and joins with a name', async () => {
      const p = await open('participant A', PHONE, '/');
      await p.page.getByRole('link', { name: 'Сила в людях', exact: true }).click();
      await p.page.getByRole('heading', { level: 1, name: 'Сила в людях' }).waitFor();
      check(p.page.url().endsWith(`/?session=${SESSION}`), `the session URL is ${p.page.url()}`);
      await joinAs(p.page, 'Анна Смирнова');
      const identity = await p.page.evaluate(() => JSON.parse(localStorage.getItem('veche.participant') ?? 'null'));
      checkEqual(identity?.participant?.name, 'Анна Смирнова', 'the identity kept in localStorage');
      return p;
    });

    await step('participant A asks two questions; both wait for moderation', async () => {
      const box = a.page.getByLabel('Ваш вопрос');
      await box.fill(XSS);
      check((await a.page.locator('#ask-counter').innerText()).includes(`${[...XSS].length} из 500`), 'the character counter');
      await a.page.getByRole('button', { name: 'Отправить' }).click();
      await a.page.getByText('Вопрос отправлен и ждёт модерации.').waitFor();
      await box.fill(SECOND);
      await a.page.getByRole('button', { name: 'Отправить' }).click();
      const mine = a.page.locator('li.question--mine');
      await mine.filter({ hasText: SECOND }).waitFor();
      checkEqual(await texts(mine.locator('.question__text')), [XSS, SECOND], 'own questions awaiting moderation');
      checkEqual(await mine.locator('.badge--pending').count(), 2, 'questions marked «Ждёт модерации»');
      await checkShownAsText(a.page, 'participant');
    });

    const b = await step('participant B joins without a name and does not see pending questions', async () => {
      const p = await open('participant B', PHONE, `/?session=${SESSION}`);
      await joinAs(p.page, null);
      await p.page.getByText('Вопросов пока нет').waitFor();
      return p;
    });

    const mod = await step('the moderator page takes the token out of the address bar and lists the incoming questions', async () => {
      const p = await open('moderator', DESKTOP, `/moderator?session=${SESSION}#token=${moderatorToken}`);
      check(!p.page.url().includes('token='), `the token stays in the address bar: ${p.page.url()}`);
      checkEqual(await p.page.evaluate(() => sessionStorage.getItem('veche.staff-token') !== null), true, 'token kept in sessionStorage');
      const incoming = p.page.locator('.mod-col--incoming li.mod-q');
      await incoming.filter({ hasText: SECOND }).waitFor();
      checkEqual(await texts(incoming.locator('.question__text')), [XSS, SECOND], 'incoming questions, oldest first');
      check((await incoming.first().innerText()).includes('Анна Смирнова'), 'the moderator does not see the author');
      await checkShownAsText(p.page, 'moderator');
      return p;
    });

    await step('the moderator approves both with the keyboard (A)', async () => {
      const incoming = mod.page.locator('.mod-col--incoming li.mod-q');
      for (const text of [XSS, SECOND]) {
        await incoming.first().focus();
        await mod.page.keyboard.press('a');
        await mod.page.locator('.mod-col--approved li.mod-q').filter({ hasText: text }).waitFor();
      }
      checkEqual(await incoming.count(), 0, 'incoming questions left');
    });

    await step('participant B sees the approved questions, as text; A no longer sees them as pending', async () => {
      await b.page.locator('li.question').filter({ hasText: SECOND }).waitFor({ timeout: WATCHING_MS });
      await checkShownAsText(b.page, 'participant B');
      await a.page.locator('li.question--mine').first().waitFor({ state: 'detached', timeout: WATCHING_MS });
    });

    const speaker = await step('the speaker page shows the approved queue', async () => {
      const p = await open('speaker', TABLET, `/speaker?session=${SESSION}#token=${speakerToken}`);
      const items = p.page.locator('.speaker__item .speaker__text');
      await items.nth(1).waitFor();
      checkEqual(await texts(items), [XSS, SECOND], 'speaker queue before votes (equal votes: oldest first)');
      await checkShownAsText(p.page, 'speaker');
      return p;
    });

    await step('participant B votes for the second question; the speaker queue reorders', async () => {
      await b.page.locator('li.question').filter({ hasText: SECOND }).locator('button.vote').click();
      await votePressed(b.page, SECOND);
      await speaker.page.waitForFunction((text) => document.querySelector('.speaker__item .speaker__text')?.textContent === text, SECOND);
      checkEqual(await texts(speaker.page.locator('.speaker__item .speaker__count')), ['1', '0'], 'votes on the speaker page');
    });

    await step('a reload keeps participant B and the own vote', async () => {
      await b.page.reload({ waitUntil: 'load' });
      await b.page.getByText('Вы участвуете без имени').waitFor();
      await votePressed(b.page, SECOND, WATCHING_MS);
    });

    const screen = await step('the screen page shows the QR code and the join link', async () => {
      const p = await open('screen', PROJECTOR, `/screen?session=${SESSION}#token=${speakerToken}`);
      const qr = p.page.locator('canvas.qr');
      await qr.waitFor();
      checkEqual(await qr.getAttribute('data-qr-text'), `${base}/?session=${SESSION}`, 'QR code target');
      await p.page.getByText(`${base.replace(/^https?:\/\//, '')}/?session=${SESSION}`).waitFor();
      return p;
    });

    await step('the moderator highlights a question (H): on the screen and the speaker page; in step with the video', async () => {
      // A stops watching (events then arrive at once); B keeps watching.
      await a.page.evaluate(() => document.querySelector('video.video__media')?.pause());
      check(await isWatching(b.page), "participant B's video is not playing, so nothing can wait for it");
      await mod.page.locator('.mod-col--approved li.mod-q').filter({ hasText: XSS }).focus();
      await mod.page.keyboard.press('h');
      await a.page.locator('li.question--stage').filter({ hasText: XSS }).waitFor();
      checkEqual(await b.page.locator('li.question--stage').count(), 0, 'highlights B (watching a video seconds behind) had when A got it');
      await screen.page.locator('.screen__question .screen__text').filter({ hasText: XSS }).waitFor();
      await speaker.page.locator('.speaker__stage .speaker__stage-text').filter({ hasText: XSS }).waitFor();
      await checkShownAsText(screen.page, 'screen');
      await b.page.locator('li.question--stage').filter({ hasText: XSS }).waitFor({ timeout: WATCHING_MS });
    });

    const caption = await step('the caption page connects with a captioner token', async () => {
      const p = await open('captioner', DESKTOP, `/caption?session=${SESSION}#token=${captionerToken}`);
      await p.page.getByLabel('Текущая строка').waitFor();
      await p.page.locator('.conn-banner--hidden').waitFor({ state: 'attached' });
      return p;
    });

    await step('screenshots of every page', async () => {
      await b.page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(b.page, 'participant-phone-ru.png');
      await screenshot(mod.page, 'moderator-desktop-ru.png');
      await screenshot(speaker.page, 'speaker-tablet-ru.png');
      await screenshot(screen.page, 'screen-projector-ru.png');
      await screenshot(caption.page, 'caption-desktop-ru.png');
    });

    await step('participant B switches to English and back; the live page keeps its state', async () => {
      await b.page.getByRole('button', { name: 'English', exact: true }).click();
      await b.page.getByRole('heading', { name: /^Questions/ }).waitFor();
      checkEqual(await b.page.evaluate(() => document.documentElement.lang), 'en', '<html lang> in English');
      await b.page.locator('li.question').filter({ hasText: SECOND }).getByRole('button', { name: 'Take back your vote (now 1)' }).waitFor();
      await screenshot(b.page, 'participant-phone-en.png');
      await b.page.getByRole('button', { name: 'Русский', exact: true }).click();
      await b.page.getByRole('heading', { name: /^Вопросы/ }).waitFor();
    });

    await step('the CSV export downloads with the Bearer token', async () => {
      const [download] = await Promise.all([
        mod.page.waitForEvent('download'),
        mod.page.getByRole('button', { name: 'Скачать вопросы (CSV)' }).click(),
      ]);
      const csv = await readFile(await download.path(), 'utf8');
      check(csv.includes(SECOND), 'the CSV does not hold the question');
      checkEqual(download.suggestedFilename(), `questions-${SESSION}.csv`, 'CSV file name');
    });

    await step('no dialog opened, no script error, console error or CSP refusal on any page', async () => {
      const pages = [a, b, mod, speaker, screen, caption];
      checkNoProblems(pages, dialogs);
      for (const p of pages) p.problems.length = 0;
    });

    await step('the server restarts: the pages say they are offline, then resume by themselves', async () => {
      const { port, dataDir } = server;
      checkEqual(await server.stop(5000, { keepData: true }), 0, 'exit code of veche after SIGTERM');
      for (const p of [b, mod]) await p.page.getByText('Нет связи с сервером').waitFor();
      await screenshot(b.page, 'participant-offline-phone-ru.png');
      server = await startVeche({ args: ['--config', DEMO_CONFIG], port, dataDir });
      for (const p of [a, b, mod]) await p.page.getByText('Нет связи с сервером').waitFor({ state: 'hidden', timeout: 40_000 });
      // What was stored is there; what happens now arrives.
      await votePressed(b.page, SECOND, WATCHING_MS);
      await a.page.getByLabel('Ваш вопрос').fill('Вопрос после перезапуска');
      await a.page.getByRole('button', { name: 'Отправить' }).click();
      const card = mod.page.locator('.mod-col--incoming li.mod-q').filter({ hasText: 'Вопрос после перезапуска' });
      await card.focus();
      await mod.page.keyboard.press('a');
      await b.page.locator('li.question').filter({ hasText: 'Вопрос после перезапуска' }).waitFor({ timeout: WATCHING_MS });
      // While the server was down the socket and the video failed to connect, and the restarted hall
      // has new segments; the browser echoes each such failed request as "Failed to load resource".
      // Nothing else may go wrong: failed requests to any other URL still count.
      const expected = /WebSocket|ERR_CONNECTION_REFUSED|\/ws\b|\/hls\/|Failed to load resource/;
      for (const p of [a, b, mod]) p.problems.splice(0, Infinity, ...p.problems.filter((line) => !expected.test(line)));
      checkNoProblems([a, b, mod], dialogs);
    });
  } catch (error) {
    await stopAfterFailure(browser, server);
    throw error;
  }
  await stopAfterSuccess(browser, server);
});
