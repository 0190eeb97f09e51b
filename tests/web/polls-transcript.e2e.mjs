// Transcripts, polls and reactions end to end, in Debian's Chromium against
// the real `veche serve` (demo config):
//
//   a poll from the builder to its results on the participant's phone and
//   the screen (an open poll's results only once the moderator reveals
//   them); a formal poll: a self-declared participant told why they cannot
//   vote, a delegate from the portal's link voting once, the ballot in the
//   admin's audit.csv; the captioner's line growing on the participant's
//   page, then final; reactions counted for everyone.
import { mkdir } from 'node:fs/promises';
import { DESKTOP, PHONE, launchChromium, screenshot } from './lib/browser.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import { SESSION, WATCHING_MS, checkNoProblems, joinAs, pageOpener } from './lib/pages.mjs';
import { OUTPUT_DIR } from './lib/paths.mjs';
import { startVeche, stopAfterFailure, stopAfterSuccess } from './lib/server.mjs';
import { DEMO_CONFIG, mintToken, waitForHallLive } from './lib/veche.mjs';

const POLL = 'Что важнее для малых городов?';
const FORMAL = 'Принять резолюцию секции?';

await runTest('polls-transcript.e2e: a poll to its results, the captioner’s text and reactions', async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const server = await step('start veche serve with the demo config', () => startVeche({ args: ['--config', DEMO_CONFIG] }));
  let browser = null;
  try {
    const base = server.baseUrl;
    const [moderatorToken, speakerToken, captionerToken, adminToken, delegateToken] = await step('mint staff and delegate tokens with veche token', () =>
      Promise.all([
        mintToken('moderator'),
        mintToken('speaker'),
        mintToken('captioner', { session: SESSION }),
        mintToken('admin'),
        mintToken('participant', { name: 'Ирина Волкова', org: 'Бежецкий муниципальный округ', region: 'Тверская область' }),
      ]),
    );
    await step('the hall of the session is on air', () => waitForHallLive(base, 'main'));
    browser = await step('launch Chromium', () => launchChromium());
    const { open, dialogs } = pageOpener(browser, base);

    const b = await step('a participant joins and watches', async () => {
      const p = await open('participant', PHONE, `/?session=${SESSION}`);
      await joinAs(p.page, 'Игорь');
      return p;
    });
    const mod = await step('the moderator page opens', () => open('moderator', DESKTOP, `/moderator?session=${SESSION}#token=${moderatorToken}`));
    const screen = await step('the screen page opens', () =>
      open('screen', { viewport: { width: 1280, height: 720 } }, `/screen?session=${SESSION}#token=${speakerToken}`),
    );

    await step('the moderator builds and starts a poll; the participant answers', async () => {
      const builder = mod.page.locator('.poll-builder');
      await builder.getByLabel('Вопрос опроса').fill(POLL);
      await builder.getByLabel('Вариант 1').fill('Работа');
      await builder.getByLabel('Вариант 2').fill('Жильё');
      await builder.getByRole('button', { name: 'Создать опрос' }).click();
      const poll = builder.locator('article.poll').filter({ hasText: POLL });
      await poll.getByRole('button', { name: 'Запустить опрос' }).click();
      await poll.getByRole('button', { name: 'Завершить опрос' }).waitFor();
      const card = b.page.locator('article.poll').filter({ hasText: POLL });
      await card.waitFor({ timeout: WATCHING_MS });
      await card.getByLabel('Жильё').check();
      await card.getByRole('button', { name: 'Ответить' }).click();
      await card.getByText('Ваш ответ учтён').waitFor();
      await poll.getByText('100% (1)').waitFor();
    });

    await step('while the poll runs, the screen (with a speaker token) shows its options, no results', async () => {
      const shown = screen.page.locator('.screen__poll').filter({ hasText: POLL });
      await shown.locator('.screen__options').getByText('Жильё').waitFor();
      checkEqual(await shown.locator('.poll-results').count(), 0, 'result bars on the screen before they are revealed');
      check(!(await shown.textContent()).includes('null'), 'the screen shows "null" for a poll without results');
    });

    await step('the moderator reveals the results: the screen and the participant show them while the poll runs', async () => {
      const poll = mod.page.locator('.poll-builder article.poll').filter({ hasText: POLL });
      await poll.getByRole('button', { name: 'Показать результаты всем' }).click();
      await poll.getByRole('button', { name: 'Показать результаты всем' }).waitFor({ state: 'detached' });
      await screen.page.locator('.screen__poll .poll-results--large').getByText('100% (1)').waitFor();
      await b.page
        .locator('article.poll')
        .filter({ hasText: POLL })
        .locator('.poll-results')
        .getByText('100% (1)')
        .waitFor({ timeout: WATCHING_MS });
      checkEqual(await mod.page.locator('.poll-builder article.poll').filter({ hasText: POLL }).getAttribute('data-state'), 'open', 'the poll state');
    });

    await step('the moderator closes the poll; the results reach the participant and the screen', async () => {
      const poll = mod.page.locator('.poll-builder article.poll').filter({ hasText: POLL });
      await poll.getByRole('button', { name: 'Завершить опрос' }).click();
      await poll.locator('.badge--poll-closed').waitFor();
      await b.page
        .locator('article.poll')
        .filter({ hasText: POLL })
        .locator('.poll-results')
        .getByText('100% (1)')
        .waitFor({ timeout: WATCHING_MS });
      await screen.page.locator('.screen__poll .poll-results--large').getByText('100% (1)').waitFor();
      await screenshot(screen.page, 'screen-poll-projector-ru.png');
    });

    await step('a formal poll: the self-declared participant is told why not; the delegate from the portal votes once', async () => {
      const builder = mod.page.locator('.poll-builder');
      await builder.getByLabel('Вопрос опроса').fill(FORMAL);
      await builder.getByLabel('Вариант 1').fill('За');
      await builder.getByLabel('Вариант 2').fill('Против');
      await builder.getByLabel(/^Официальное голосование/).check();
      await builder.getByRole('button', { name: 'Создать опрос' }).click();
      const poll = builder.locator('article.poll').filter({ hasText: FORMAL });
      await poll.locator('.badge--formal').waitFor();
      await poll.getByRole('button', { name: 'Запустить опрос' }).click();

      const declared = b.page.locator('article.poll').filter({ hasText: FORMAL });
      await declared.getByRole('note').filter({ hasText: 'только подтверждённые делегаты' }).waitFor({ timeout: WATCHING_MS });
      checkEqual(await declared.getByRole('button').count(), 0, 'buttons on a formal poll for a self-declared participant');

      const delegate = await open('delegate', PHONE, `/?session=${SESSION}#token=${delegateToken}`);
      check(!delegate.page.url().includes('token='), 'the delegate link keeps the token in the address bar');
      const card = delegate.page.locator('article.poll').filter({ hasText: FORMAL });
      await card.locator('.badge--formal').waitFor({ timeout: WATCHING_MS });
      await card.getByLabel('За').check();
      await card.getByRole('button', { name: 'Ответить' }).click();
      await card.getByText('Ваш голос учтён. Изменить его нельзя.').waitFor();
      checkEqual(await card.getByRole('button').count(), 0, 'buttons on a formal poll once voted');
      await poll.getByText('100% (1)').waitFor();
      await screenshot(delegate.page, 'participant-formal-poll-phone-ru.png');
      await poll.getByRole('button', { name: 'Завершить опрос' }).click();
      await poll.locator('.badge--poll-closed').waitFor();

      const audit = await fetch(`${base}/api/v1/sessions/${SESSION}/audit.csv`, { headers: { Authorization: `Bearer ${adminToken}` } });
      checkEqual(audit.status, 200, 'audit.csv for the admin');
      const bytes = new Uint8Array(await audit.arrayBuffer());
      checkEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'the byte order mark of audit.csv');
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      check(/,Ирина Волкова,participant,poll_vote,[^,]+,,,1\. За\r\n/.test(text), `the delegate's ballot in the admin's audit.csv:\n${text}`);
      checkNoProblems([delegate], []);
    });

    await step('the captioner types a line: the participant sees it grow, then final', async () => {
      const cap = await open('captioner', DESKTOP, `/caption?session=${SESSION}#token=${captionerToken}`);
      await cap.page.getByLabel('Текущая строка').focus();
      await cap.page.keyboard.type('Добрый день, уважаемые', { delay: 40 });
      await b.page.locator('.transcript__line--partial').filter({ hasText: 'Добрый день' }).waitFor({ timeout: WATCHING_MS });
      await cap.page.keyboard.type(' коллеги.', { delay: 40 });
      await cap.page.keyboard.press('Enter');
      await cap.page.locator('.caption__line[data-status="sent"]').filter({ hasText: 'Добрый день, уважаемые коллеги.' }).waitFor();
      await b.page
        .locator('.transcript__line:not(.transcript__line--partial)')
        .filter({ hasText: 'Добрый день, уважаемые коллеги.' })
        .waitFor({ timeout: WATCHING_MS });
      await screenshot(cap.page, 'caption-lines-desktop-ru.png');
      await screenshot(b.page, 'participant-transcript-phone-ru.png');
      checkNoProblems([cap], []);
    });

    await step('reactions: the participant applauds; the running count shows', async () => {
      await b.page.getByRole('button', { name: 'Аплодисменты' }).click();
      await b.page.getByRole('button', { name: /^Аплодисменты: \d+$/ }).waitFor({ timeout: WATCHING_MS });
    });

    await step('no dialog, script error, console error or CSP refusal', async () => checkNoProblems([b, mod, screen], dialogs));
  } catch (error) {
    await stopAfterFailure(browser, server);
    throw error;
  }
  await stopAfterSuccess(browser, server);
});
