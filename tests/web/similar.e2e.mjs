// Similar questions, merging and written replies end to end, in Debian's
// Chromium against the real `veche serve` (demo config). The demo's session
// «Инициативное бюджетирование» starts with seed questions in similar forms:
//
//   a participant types a question → the page asks the server once per pause
//   and shows «Похожий вопрос уже задан — поддержите его» with a vote button
//   that works → the moderator sees the hint on incoming questions, merges one
//   with its button and the participant's own question with the M key → the
//   participant is told where their question went → a written reply from the
//   moderator shows under the question for the participant.
import { mkdir } from 'node:fs/promises';
import { DESKTOP, PHONE, launchChromium, screenshot } from './lib/browser.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import { checkNoProblems, joinAs, pageOpener, WATCHING_MS } from './lib/pages.mjs';
import { OUTPUT_DIR } from './lib/paths.mjs';
import { startVeche, stopAfterFailure, stopAfterSuccess } from './lib/server.mjs';
import { DEMO_CONFIG, mintToken } from './lib/veche.mjs';

const SESSION = 'byudzhet-initsiativ';
const SEEDED = 'Как получить грант на благоустройство двора?'; // approved seed
const SEEDED_DUPLICATE = 'Гранты на благоустройство дворов — как получить?'; // incoming seed
const TYPED = 'Гранты на благоустройство двора: как получить?';
const HINT = 'Похожий вопрос уже задан — поддержите его';

await runTest('similar.e2e: similar-question hints while typing, merging from the incoming list, written replies', async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const server = await step('start veche serve with the demo config', () => startVeche({ args: ['--config', DEMO_CONFIG] }));
  let browser = null;
  try {
    const base = server.baseUrl;
    const moderatorToken = await step('mint a moderator token with veche token', () => mintToken('moderator', { name: 'Ольга Модератор' }));
    browser = await step('launch Chromium', () => launchChromium());
    const { open, dialogs } = pageOpener(browser, base);

    const similarRequests = [];
    const p = await step('a participant opens the session and joins; the seeded questions are in the queue', async () => {
      const opened = await open('participant', PHONE, `/?session=${SESSION}`);
      // The socket opens on joining: every request it carries is seen from the start.
      opened.page.on('websocket', (ws) =>
        ws.on('framesent', ({ payload }) => {
          if (typeof payload === 'string' && payload.includes('"type":"similar"')) similarRequests.push(JSON.parse(payload));
        }),
      );
      await joinAs(opened.page, 'Анна Смирнова');
      await opened.page.locator('li.question').filter({ hasText: SEEDED }).waitFor();
      return opened;
    });

    await step('typing shows the similar question with a vote button, asked once per pause, not per keystroke', async () => {
      const box = p.page.getByLabel('Ваш вопрос');
      await box.pressSequentially(TYPED, { delay: 40 });
      const hints = p.page.locator('.similar');
      await hints.getByText(HINT).waitFor();
      await hints.locator('.similar__item').filter({ hasText: SEEDED }).waitFor();
      check(similarRequests.length >= 1 && similarRequests.length <= 3, `similar requests while typing ${[...TYPED].length} characters: ${similarRequests.length}`);
      checkEqual(similarRequests.at(-1)?.text, TYPED, 'the text looked up last');
      check((await hints.locator('.similar__item').count()) <= 3, 'at most three hints');
      await screenshot(p.page, 'similar-hint-participant.png');
    });

    await step('the vote button of the hint supports the question', async () => {
      const item = p.page.locator('.similar__item').filter({ hasText: SEEDED });
      await item.getByRole('button').click();
      await p.page.waitForFunction(
        (text) =>
          [...document.querySelectorAll('.similar__item')].find((li) => li.textContent.includes(text))?.querySelector('button.vote')?.getAttribute('aria-pressed') === 'true',
        SEEDED,
      );
      // The same vote in the hall's list.
      const listed = p.page.locator('li.question').filter({ hasText: SEEDED }).locator('button.vote');
      checkEqual(await listed.getAttribute('aria-pressed'), 'true', 'the question list shows the vote');
      checkEqual((await listed.innerText()).replace(/\D/g, ''), '1', 'votes of the seeded question');
    });

    await step('the participant sends the question anyway; it waits for moderation', async () => {
      await p.page.getByRole('button', { name: 'Отправить' }).click();
      await p.page.getByText('Вопрос отправлен и ждёт модерации.').waitFor();
      await p.page.locator('li.question--mine').filter({ hasText: TYPED }).waitFor();
    });

    const mod = await step('the moderator sees the similar question on the incoming ones', async () => {
      const opened = await open('moderator', DESKTOP, `/moderator?session=${SESSION}#token=${moderatorToken}`);
      const seeded = opened.page.locator('.mod-col--incoming li.mod-q').filter({ hasText: SEEDED_DUPLICATE });
      await seeded.locator('.mod-q__similar').filter({ hasText: SEEDED }).waitFor();
      const typed = opened.page.locator('.mod-col--incoming li.mod-q').filter({ hasText: TYPED });
      await typed.locator('.mod-q__similar').filter({ hasText: SEEDED }).waitFor();
      await screenshot(opened.page, 'similar-hint-moderator.png');
      return opened;
    });

    await step('the moderator merges the seeded duplicate with its button; the target gains its author as a supporter', async () => {
      const seeded = mod.page.locator('.mod-col--incoming li.mod-q').filter({ hasText: SEEDED_DUPLICATE });
      await seeded.getByRole('button', { name: 'Объединить с ним' }).click();
      const archived = mod.page.locator('.mod-col--archived li.mod-q').filter({ hasText: SEEDED_DUPLICATE });
      await archived.getByText(`Объединён с вопросом «${SEEDED}»`).waitFor();
      const target = mod.page.locator('.mod-col--approved li.mod-q').filter({ hasText: SEEDED });
      await target.getByText('2 голоса').waitFor(); // Анна's vote and the duplicate's author
      await target.getByText('+1 похожий').waitFor();
    });

    await step("the moderator merges the participant's question with M; the participant is told where it went", async () => {
      const typed = mod.page.locator('.mod-col--incoming li.mod-q').filter({ hasText: TYPED });
      await typed.focus();
      await mod.page.keyboard.press('m');
      await mod.page.locator('.mod-col--archived li.mod-q').filter({ hasText: TYPED }).waitFor();
      const mine = p.page.locator('li.question--mine').filter({ hasText: TYPED });
      await mine.getByText(`Ваш вопрос объединён с вопросом «${SEEDED}»`).waitFor({ timeout: WATCHING_MS });
      await mine.getByText('Объединён', { exact: true }).waitFor();
    });

    await step('a written reply from the moderator shows under the question for the participant', async () => {
      const target = mod.page.locator('.mod-col--approved li.mod-q').filter({ hasText: SEEDED });
      await target.getByRole('button', { name: 'Ответить письменно' }).click();
      await mod.page.getByLabel('Письменный ответ').fill('Заявки принимают с 1 марта на портале «Госуслуги».');
      await mod.page.getByRole('button', { name: 'Опубликовать ответ' }).click();
      const listed = p.page.locator('li.question').filter({ hasText: SEEDED });
      await listed.locator('.question__reply').getByText('Заявки принимают с 1 марта на портале «Госуслуги».').waitFor({ timeout: WATCHING_MS });
      checkEqual(await listed.locator('.question__reply-by').innerText(), 'Ответ · Ольга Модератор', 'who answered');
      await screenshot(p.page, 'similar-merged-and-replied-participant.png');
      checkNoProblems([p, mod], dialogs);
    });
  } catch (error) {
    await stopAfterFailure(browser, server);
    throw error;
  }
  await stopAfterSuccess(browser, server);
});
