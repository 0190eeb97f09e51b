// The live forum end to end, every page in Debian's Chromium against the real
// `veche serve` (demo config): participants, moderator, speaker, screen and
// captioner each in their own browser context, as separate people would be.
//
//   a participant asks (pre-moderation) → the moderator approves it with the
//   keyboard → a second participant and the speaker see it → votes reorder the
//   speaker queue → a highlight shows on the screen → a poll runs to its
//   results → the captioner's text reaches the participant → the CSV export;
//   the question `<img src=x onerror=alert(1)>` shows as text everywhere;
//   a participant watching the video gets the highlight when the picture
//   reaches it, one not watching at once; after a server restart every page
//   says it is offline, then resumes by itself.
import { mkdir, readFile } from 'node:fs/promises';
import { DESKTOP, PHONE, launchChromium, screenshot, watchPage } from '../lib/browser.mjs';
import { check, checkEqual, runTest, step } from '../lib/harness.mjs';
import { OUTPUT_DIR } from '../lib/paths.mjs';
import { startVeche } from '../lib/server.mjs';
import { DEMO_CONFIG, mintToken, waitForHallLive } from '../lib/veche.mjs';

const SESSION = 'sila-v-lyudyakh';
const XSS = '<img src=x onerror=alert(1)>';
const SECOND = 'Как удержать молодых специалистов в малых городах?';
/** Participant B watches the video: events may wait for the picture (a few seconds behind). */
const WATCHING_MS = 30_000;

const normSpaces = (text) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** No script ran from user text: no alert, no <img src=x> element; the text is shown as typed. */
async function checkShownAsText(page, where) {
  const images = await page.locator('img[src="x"]').count();
  checkEqual(images, 0, `<img src=x> elements on the ${where} page`);
  const texts = await page.getByText(XSS, { exact: true }).count();
  check(texts > 0, `the ${where} page does not show the question ${XSS} as text`);
}

async function texts(locator) {
  return (await locator.allTextContents()).map(normSpaces);
}

await runTest('live.e2e: ask, moderate, vote, highlight, poll and transcript across every page', async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
  let server = await step('start veche serve with the demo config', () => startVeche({ args: ['--config', DEMO_CONFIG] }));
  let browser = null;
  const dialogs = [];
  try {
    const base = server.baseUrl;
    const [moderatorToken, speakerToken, captionerToken] = await step('mint staff tokens with veche token', () =>
      Promise.all([mintToken('moderator'), mintToken('speaker'), mintToken('captioner', { session: SESSION })]),
    );
    await step('the hall of the session is on air', () => waitForHallLive(base, 'main'));
    browser = await step('launch Chromium', () => launchChromium());

    const open = async (name, device, path) => {
      const context = await browser.newContext({ ...device, locale: 'ru-RU', timezoneId: 'Europe/Moscow', acceptDownloads: true });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      page.on('dialog', (dialog) => {
        dialogs.push(`${name}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      const problems = watchPage(page, base);
      await page.goto(`${base}${path}`, { waitUntil: 'load' });
      return { context, page, problems };
    };

    // ── participant A: joins from the agenda and asks ──────────────────────
    const a = await step('participant A opens the session from the agenda and joins with a name', async () => {
      const p = await open('participant A', PHONE, '/');
      await p.page.getByRole('link', { name: 'Сила в людях', exact: true }).click();
      await p.page.getByRole('heading', { level: 1, name: 'Сила в людях' }).waitFor();
      check(p.page.url().endsWith(`/?session=${SESSION}`), `the session URL is ${p.page.url()}`);
      await p.page.getByLabel('Имя').fill('Анна Смирнова');
      await p.page.getByRole('button', { name: 'Присоединиться' }).click();
      await p.page.getByText('Вы участвуете как Анна Смирнова').waitFor();
      const identity = await p.page.evaluate(() => JSON.parse(localStorage.getItem('veche.participant') ?? 'null'));
      check(identity?.participant?.name === 'Анна Смирнова', 'the joined identity is not kept in localStorage');
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

    // ── participant B: joins without a name, watches; sees nothing pending ─
    const b = await step('participant B joins without a name and does not see pending questions', async () => {
      const p = await open('participant B', PHONE, `/?session=${SESSION}`);
      await p.page.getByRole('button', { name: 'Присоединиться' }).click();
      await p.page.getByText('Вы участвуете без имени').waitFor();
      await p.page.getByText('Вопросов пока нет').waitFor();
      return p;
    });

    // ── the moderator: token from the fragment, keyboard approval ──────────
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
      await incoming.first().focus();
      await mod.page.keyboard.press('a');
      await mod.page.locator('.mod-col--approved li.mod-q').filter({ hasText: XSS }).waitFor();
      await incoming.first().focus();
      await mod.page.keyboard.press('a');
      await mod.page.locator('.mod-col--approved li.mod-q').filter({ hasText: SECOND }).waitFor();
      checkEqual(await incoming.count(), 0, 'incoming questions left');
    });

    await step('participant B sees the approved questions, as text', async () => {
      await b.page.locator('li.question').filter({ hasText: SECOND }).waitFor({ timeout: WATCHING_MS });
      await checkShownAsText(b.page, 'participant B');
      checkEqual(await a.page.locator('li.question--mine').count(), 0, 'A still has questions marked as pending');
    });

    // ── the speaker: queue order follows the votes ─────────────────────────
    const speaker = await step('the speaker page shows the approved queue', async () => {
      const p = await open('speaker', { viewport: { width: 1024, height: 768 } }, `/speaker?session=${SESSION}#token=${speakerToken}`);
      const items = p.page.locator('.speaker__item .speaker__text');
      await items.nth(1).waitFor();
      checkEqual(await texts(items), [XSS, SECOND], 'speaker queue before votes (equal votes: oldest first)');
      await checkShownAsText(p.page, 'speaker');
      return p;
    });

    await step('participant B votes for the second question; the speaker queue reorders', async () => {
      const vote = b.page.locator('li.question').filter({ hasText: SECOND }).locator('button.vote');
      await vote.click();
      await b.page.waitForFunction(
        (text) => [...document.querySelectorAll('li.question')].find((li) => li.textContent.includes(text))?.querySelector('button.vote')?.getAttribute('aria-pressed') === 'true',
        SECOND,
      );
      await speaker.page.waitForFunction((text) => document.querySelector('.speaker__item .speaker__text')?.textContent === text, SECOND);
      checkEqual(await texts(speaker.page.locator('.speaker__item .speaker__count')), ['1', '0'], 'votes on the speaker page');
      await screenshot(speaker.page, 'speaker-tablet-ru.png');
    });

    await step('a reload keeps participant B and the own vote', async () => {
      await b.page.reload({ waitUntil: 'load' });
      const vote = b.page.locator('li.question').filter({ hasText: SECOND }).locator('button.vote');
      await vote.waitFor({ timeout: WATCHING_MS });
      await b.page.waitForFunction(
        (text) => [...document.querySelectorAll('li.question')].find((li) => li.textContent.includes(text))?.querySelector('button.vote')?.getAttribute('aria-pressed') === 'true',
        SECOND,
        { timeout: WATCHING_MS },
      );
    });

    // ── the screen: highlight, QR code ─────────────────────────────────────
    const screen = await step('the screen page shows the QR code and join link', async () => {
      const p = await open('screen', { viewport: { width: 1280, height: 720 } }, `/screen?session=${SESSION}#token=${speakerToken}`);
      const qr = p.page.locator('canvas.qr');
      await qr.waitFor();
      checkEqual(await qr.getAttribute('data-qr-text'), `${base}/?session=${SESSION}`, 'QR code target');
      await p.page.getByText(`${base.replace(/^https?:\/\//, '')}/?session=${SESSION}`).waitFor();
      return p;
    });

    await step('the moderator highlights a question (H): the screen and the speaker show it on top; in step with the video', async () => {
      // A stops watching (events then arrive at once); B keeps watching.
      await a.page.evaluate(() => document.querySelector('video.video__media')?.pause());
      const bWatching = await b.page.evaluate(() => {
        const v = document.querySelector('video.video__media');
        return Boolean(v && !v.paused && v.readyState >= 2 && v.currentTime > 0);
      });
      check(bWatching, "participant B's video is not playing, so nothing can be held for it");
      await mod.page.locator('.mod-col--approved li.mod-q').filter({ hasText: XSS }).focus();
      await mod.page.keyboard.press('h');
      await a.page.locator('li.question--stage').filter({ hasText: XSS }).waitFor();
      checkEqual(await b.page.locator('li.question--stage').count(), 0, 'highlights B, watching a video seconds behind, saw when A saw it');
      await screen.page.locator('.screen__question .screen__text').filter({ hasText: XSS }).waitFor();
      await speaker.page.locator('.speaker__stage .speaker__stage-text').filter({ hasText: XSS }).waitFor();
      await checkShownAsText(screen.page, 'screen');
      await b.page.locator('li.question--stage').filter({ hasText: XSS }).waitFor({ timeout: WATCHING_MS });
    });

    // ── a poll, from the builder to the results ────────────────────────────
    await step('the moderator builds and opens a poll; participant B answers', async () => {
      const builder = mod.page.locator('.poll-builder');
      await builder.getByLabel('Вопрос опроса').fill('Что важнее для малых городов?');
      await builder.getByLabel('Вариант 1').fill('Работа');
      await builder.getByLabel('Вариант 2').fill('Жильё');
      await builder.getByRole('button', { name: 'Создать опрос' }).click();
      const poll = builder.locator('article.poll').filter({ hasText: 'Что важнее для малых городов?' });
      await poll.getByRole('button', { name: 'Запустить опрос' }).click();
      await poll.getByRole('button', { name: 'Завершить опрос' }).waitFor();

      const card = b.page.locator('article.poll').filter({ hasText: 'Что важнее для малых городов?' });
      await card.waitFor({ timeout: WATCHING_MS });
      await card.getByLabel('Жильё').check();
      await card.getByRole('button', { name: 'Ответить' }).click();
      await card.getByText('Ваш ответ учтён').waitFor();
      await screenshot(b.page, 'participant-phone-ru.png');
    });

    await step('the moderator closes the poll; the results reach the participant and the screen', async () => {
      const poll = mod.page.locator('.poll-builder article.poll').filter({ hasText: 'Что важнее для малых городов?' });
      await poll.getByText('100% (1)').waitFor();
      await poll.getByRole('button', { name: 'Завершить опрос' }).click();
      await poll.locator('.badge--poll-closed').waitFor();
      const card = b.page.locator('article.poll').filter({ hasText: 'Что важнее для малых городов?' });
      await card.locator('.poll-results').getByText('100% (1)').waitFor({ timeout: WATCHING_MS });
      await screen.page.locator('.screen__poll .poll-results--large').getByText('100% (1)').waitFor();
      await screenshot(screen.page, 'screen-projector-ru.png');
      await screenshot(mod.page, 'moderator-desktop-ru.png');
    });

    // ── the captioner's text reaches the participant ───────────────────────
    await step('the captioner types a line: the participant sees it grow, then final', async () => {
      const cap = await open('captioner', DESKTOP, `/caption?session=${SESSION}#token=${captionerToken}`);
      const input = cap.page.getByLabel('Текущая строка');
      await input.focus();
      await cap.page.keyboard.type('Добрый день, уважаемые', { delay: 40 });
      await b.page.locator('.transcript__line--partial').filter({ hasText: 'Добрый день' }).waitFor({ timeout: WATCHING_MS });
      await cap.page.keyboard.type(' коллеги.', { delay: 40 });
      await cap.page.keyboard.press('Enter');
      await cap.page.locator('.caption__line[data-status="sent"]').filter({ hasText: 'Добрый день, уважаемые коллеги.' }).waitFor();
      await b.page
        .locator('.transcript__line:not(.transcript__line--partial)')
        .filter({ hasText: 'Добрый день, уважаемые коллеги.' })
        .waitFor({ timeout: WATCHING_MS });
      await screenshot(cap.page, 'caption-desktop-ru.png');
      check(cap.problems.length === 0, `the caption page reported problems:\n  ${cap.problems.join('\n  ')}`);
      await cap.context.close();
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
      checkEqual(dialogs, [], 'dialogs');
      for (const [name, p] of Object.entries({ a, b, mod, speaker, screen })) {
        check(p.problems.length === 0, `the ${name} page reported problems:\n  ${p.problems.join('\n  ')}`);
        p.problems.length = 0;
      }
    });
    await step('the server restarts: the pages say they are offline, then resume by themselves', async () => {
      const { port, dataDir } = server;
      checkEqual(await server.stop(5000, { keepData: true }), 0, 'exit code of veche after SIGTERM');
      for (const p of [b, mod]) await p.page.getByText('Нет связи с сервером').waitFor();
      await screenshot(b.page, 'participant-offline-phone-ru.png');
      server = await startVeche({ args: ['--config', DEMO_CONFIG], port, dataDir });
      for (const p of [b, mod]) await p.page.getByText('Нет связи с сервером').waitFor({ state: 'hidden', timeout: 40_000 });
      // What was stored is there; what happens now arrives.
      await a.page.getByLabel('Ваш вопрос').fill('Вопрос после перезапуска');
      await a.page.getByRole('button', { name: 'Отправить' }).click();
      const card = mod.page.locator('.mod-col--incoming li.mod-q').filter({ hasText: 'Вопрос после перезапуска' });
      await card.focus();
      await mod.page.keyboard.press('a');
      await b.page.locator('li.question').filter({ hasText: 'Вопрос после перезапуска' }).waitFor({ timeout: WATCHING_MS });
      const vote = b.page.locator('li.question').filter({ hasText: SECOND }).locator('button.vote');
      checkEqual(await vote.getAttribute('aria-pressed'), 'true', "B's vote after the restart");
      // While the server was down, the socket and the video failed to connect, as they should; nothing else may go wrong.
      for (const [name, p] of Object.entries({ a, b, mod })) {
        const other = p.problems.filter((line) => !/WebSocket|ERR_CONNECTION_REFUSED|\/ws\b|\/hls\//.test(line));
        check(other.length === 0, `the ${name} page reported problems around the restart:\n  ${other.join('\n  ')}`);
      }
      checkEqual(dialogs, [], 'dialogs');
    });


  } catch (error) {
    if (browser) await browser.close().catch(() => {});
    await server.stop(5000).catch(() => {});
    throw error;
  }
  await browser.close();
  await step('SIGTERM stops veche with exit code 0', async () => checkEqual(await server.stop(5000), 0, 'exit code of veche'));
});
