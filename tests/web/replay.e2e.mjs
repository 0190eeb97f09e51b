// A session's replay on the participant page, in Debian's Chromium against
// the real `veche serve` (demo config, its `test:` hall recorded):
//
//   a moderator takes the session live over the WebSocket; participants ask,
//   the moderator approves (and rejects one), participants vote, a question
//   goes on stage, a poll opens and closes, the captioner sends lines; while
//   it runs, a participant watches it «С начала» and goes back to live; the
//   session ends after about 20 s. Then the ended session's page plays the
//   replay; at every moment the test seeks to, the page shows exactly the
//   questions and votes that the server's timeline.json gives for it; a key
//   moment and a transcript line move the video to their place; the
//   server's captions on the replay's clock play each line where it was said.
import { mkdir } from 'node:fs/promises';
import { DESKTOP, PHONE, launchChromium, screenshot } from './lib/browser.mjs';
import { check, checkEqual, runTest, step } from './lib/harness.mjs';
import { SESSION, checkNoProblems, pageOpener } from './lib/pages.mjs';
import { OUTPUT_DIR } from './lib/paths.mjs';
import { startVeche, stopAfterFailure, stopAfterSuccess } from './lib/server.mjs';
import { DEMO_CONFIG, mintToken, waitForHallLive } from './lib/veche.mjs';
import { joinedParticipant } from './lib/weak_link.mjs';
import { openWire } from './lib/wire.mjs';

const SESSION_MS = 20_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The segments of a media playlist: where each starts in the video (s), its length (s) and its PROGRAM-DATE-TIME (ms). */
function pieces(playlist) {
  const out = [];
  let start = 0;
  let pdt = null;
  for (const line of playlist.split('\n')) {
    if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pdt = Date.parse(line.slice(25));
    else if (line.startsWith('#EXTINF:')) {
      const duration = Number.parseFloat(line.slice(8));
      out.push({ start, duration, pdt });
      start += duration;
    }
  }
  return out;
}

/** The video time that shows the hall's wall-clock moment `ms`, or null when the recording does not have it. */
function mediaTime(segments, ms) {
  const s = segments.find((p) => p.pdt <= ms && ms < p.pdt + p.duration * 1000);
  return s ? s.start + (ms - s.pdt) / 1000 : null;
}

/**
 * The questions a participant saw at `ms`, from timeline.json: every item due by then (in seq
 * order; one committed later holds the ones after it), a full question replacing the one before,
 * a stub hiding it, vote totals; the page lists the approved and answered ones.
 */
function questionsAt(timeline, ms) {
  const questions = new Map();
  let due = -Infinity;
  for (const item of timeline.items) {
    due = Math.max(due, item.at_ms);
    if (due > ms) break;
    if (item.kind === 'question' && typeof item.data.text === 'string') {
      if (item.data.highlighted) for (const q of questions.values()) q.highlighted = false;
      questions.set(item.data.id, { ...item.data });
    } else if (item.kind === 'question') questions.delete(item.data.id);
    else if (item.kind === 'votes') {
      for (const [id, n] of Object.entries(item.data.counts)) if (questions.has(id)) questions.get(id).votes = n;
    }
  }
  return [...questions.values()]
    .filter((q) => q.state === 'approved' || q.state === 'answered')
    .map((q) => [q.id, q.votes, q.highlighted])
    .sort();
}

/** What the replay page shows: its moment and its questions as [id, votes, on stage]. */
const shown = (page) =>
  page.evaluate(() => ({
    at: Number(document.querySelector('.replay').dataset.playheadMs),
    questions: [...document.querySelectorAll('.questions li.question')]
      .map((li) => [li.dataset.questionId, Number(li.querySelector('.vote__count').textContent), li.classList.contains('question--stage')])
      .sort(),
  }));

/** Moves the paused video to `time` as its own controls would, and waits until the page shows that moment. */
async function seekVideo(page, time) {
  await page.evaluate(
    (t) =>
      new Promise((resolve) => {
        const v = document.querySelector('video.video__media');
        v.addEventListener('seeked', resolve, { once: true });
        v.currentTime = t;
      }),
    time,
  );
}

await runTest('replay.e2e: an ended session replays with its questions, votes, poll and transcript at each moment', async () => {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const server = await step('start veche serve with the demo config', () => startVeche({ args: ['--config', DEMO_CONFIG] }));
  let browser = null;
  try {
    const base = server.baseUrl;
    const [moderator, captioner, anna, boris] = await step('mint the staff tokens; two participants join', () =>
      Promise.all([
        mintToken('moderator'),
        mintToken('captioner', { session: SESSION }),
        joinedParticipant(base, 'Анна'),
        joinedParticipant(base, 'Борис'),
      ]),
    );
    await step('the hall of the session is on air', () => waitForHallLive(base, 'main'));
    browser = await step('launch Chromium', () => launchChromium());
    const wire = await step('the moderator, the captioner and the participants connect over the WebSocket', async () => {
      const w = await openWire(browser, base);
      await w.connect('moderator', moderator);
      await w.connect('captioner', captioner);
      await w.connect('anna', anna.token);
      await w.connect('boris', boris.token);
      return w;
    });
    const { open, dialogs } = pageOpener(browser, base);

    const liveAt = Date.now();
    const line = async (id, text) => {
      const now = Date.now();
      await wire.request('captioner', { type: 'transcript', session: SESSION, id, text, final: true, start_ms: now - 1500, end_ms: now });
    };
    const ids = await step('the session runs: asks, moderation, votes, a highlight, a poll, transcript lines', async () => {
      await wire.request('moderator', { type: 'session_control', session: SESSION, action: 'live' });
      await sleep(1500);
      const q1 = (await wire.request('anna', { type: 'ask', session: SESSION, text: 'Как удержать молодёжь в районе?' })).id;
      const q2 = (await wire.request('boris', { type: 'ask', session: SESSION, text: 'Когда отремонтируют дороги?' })).id;
      const q3 = (await wire.request('boris', { type: 'ask', session: SESSION, text: 'Отклонённый вопрос' })).id;
      await wire.request('moderator', { type: 'moderate', question: q1, action: 'approve' });
      await wire.request('moderator', { type: 'moderate', question: q2, action: 'approve' });
      await wire.request('moderator', { type: 'moderate', question: q3, action: 'reject' });
      await sleep(2000);
      await wire.request('anna', { type: 'vote', question: q2, on: true });
      await wire.request('boris', { type: 'vote', question: q2, on: true });
      await line('line-1', 'Добрый день, уважаемые коллеги.');
      await sleep(2000);
      await wire.request('moderator', { type: 'moderate', question: q1, action: 'highlight' });
      await sleep(1500);
      const poll = (await wire.request('moderator', { type: 'poll_create', session: SESSION, question: 'Откуда вы?', options: ['Город', 'Село'] })).id;
      await wire.request('moderator', { type: 'poll_control', poll, action: 'open' });
      await wire.request('anna', { type: 'poll_vote', poll, choices: [1] });
      await sleep(1500);
      await wire.request('boris', { type: 'vote', question: q1, on: true });
      await line('line-2', 'Молодёжь уезжает, когда нет работы.');
      return { q1, q2, q3, poll };
    });

    await step('while it runs, a participant watches it from the start, then goes back to live', async () => {
      const p = await open('watcher', DESKTOP, `/?session=${SESSION}`);
      await p.page.getByRole('button', { name: 'Смотреть с начала' }).click();
      await p.page.getByRole('slider', { name: 'Момент записи' }).waitFor();
      await p.page.waitForFunction(() => {
        const v = document.querySelector('video.video__media');
        return v?.dataset.player === 'hls.js' && !v.paused && v.readyState >= 2 && v.currentTime > 0.3;
      }, null, { timeout: 20_000 });
      const { time, at } = await p.page.evaluate(() => ({
        time: document.querySelector('video.video__media').currentTime,
        at: Number(document.querySelector('.replay').dataset.playheadMs),
      }));
      check(time < 6, `the replay of the running session started ${time} s into the recording, not at its start`);
      check(at < liveAt + 8000, `the replay shows ${new Date(at).toISOString()}, not the session's start`);
      await p.page.getByRole('button', { name: 'Вернуться в эфир' }).click();
      await p.page.locator('.video__status').getByText('В эфире').waitFor();
      await p.page.getByRole('button', { name: 'Смотреть с начала' }).waitFor();
      checkNoProblems([p], dialogs);
      await p.context.close();
    });

    await step(`the session ends ${SESSION_MS / 1000} s after it went live`, async () => {
      await wire.request('moderator', { type: 'poll_control', poll: ids.poll, action: 'close' });
      await wire.request('moderator', { type: 'moderate', question: ids.q1, action: 'answer' });
      await line('line-3', 'Спасибо за вопросы.');
      await sleep(Math.max(0, liveAt + SESSION_MS - Date.now()));
      await wire.request('moderator', { type: 'session_control', session: SESSION, action: 'end' });
      await wire.close();
    });

    const { timeline, segments } = await step('the replay turns VOD; the server gives its timeline.json', async () => {
      let playlist = '';
      for (let i = 0; i < 60 && !playlist.includes('#EXT-X-ENDLIST'); i++) {
        if (i > 0) await sleep(500);
        playlist = await (await fetch(`${base}/vod/${SESSION}/index.m3u8`)).text();
      }
      check(playlist.includes('#EXT-X-ENDLIST'), `the replay's playlist did not turn VOD within 30 s:\n${playlist.slice(0, 400)}`);
      const response = await fetch(`${base}/api/v1/sessions/${SESSION}/timeline.json`);
      checkEqual(response.status, 200, 'timeline.json status');
      const t = await response.json();
      check(t.to_ms !== null && t.items.some((i) => i.kind === 'votes'), `an ended timeline with votes: ${JSON.stringify(t).slice(0, 300)}`);
      return { timeline: t, segments: pieces(playlist) };
    });

    const viewer = await step('phone: the ended session opens on its replay, which plays; nothing to ask or vote', async () => {
      const p = await open('viewer', PHONE, `/?session=${SESSION}`);
      await p.page.getByRole('slider', { name: 'Момент записи' }).waitFor();
      await p.page.waitForFunction(() => {
        const v = document.querySelector('video.video__media');
        return v?.dataset.player === 'hls.js' && v.readyState >= 2 && v.currentTime > 1;
      }, null, { timeout: 20_000 });
      checkEqual(await p.page.locator('.video__status').textContent(), 'Запись', 'the status over the picture');
      checkEqual(await p.page.getByLabel('Ваш вопрос').count(), 0, 'ask boxes');
      checkEqual(await p.page.getByRole('button', { name: /Поддержать вопрос/ }).count(), 0, 'vote buttons');
      await p.page.evaluate(() => document.querySelector('video.video__media').pause());
      return p;
    });

    await step('seeking forward and backward shows exactly the questions and votes of each moment (timeline.json)', async () => {
      // Moments between the changes to the questions, where the recording has a picture.
      const times = [...new Set(timeline.items.filter((i) => i.kind === 'question' || i.kind === 'votes').map((i) => i.at_ms))].sort((a, b) => a - b);
      const moments = [timeline.from_ms + 300, ...times.map((t, i) => (t + (times[i + 1] ?? t + 1500)) / 2)].filter(
        (ms, i, all) => mediaTime(segments, ms) !== null && (i === 0 || ms - all[i - 1] > 200),
      );
      check(moments.length >= 4, `moments to seek to: ${moments.length}`);
      const order = [...moments].reverse().concat(moments[Math.floor(moments.length / 2)], moments[1]);
      const seen = new Set();
      for (const ms of order) {
        await seekVideo(viewer.page, mediaTime(segments, ms));
        // The player places a segment to within a frame of its playlist time.
        await viewer.page.waitForFunction((want) => Math.abs(Number(document.querySelector('.replay').dataset.playheadMs) - want) < 250, ms);
        const page = await shown(viewer.page);
        checkEqual(page.questions, questionsAt(timeline, page.at), `the questions at ${new Date(page.at).toISOString()}`);
        seen.add(JSON.stringify(page.questions));
      }
      check(seen.size >= 4, `the moments sought show ${seen.size} different states of the questions`);
      check(!(await viewer.page.content()).includes('Отклонённый вопрос'), 'the rejected question appears in the replay');
    });

    await step('keyboard: Home on the scrubber goes to the start; the key moment «Вопрос на сцене» goes to the highlight', async () => {
      const slider = viewer.page.getByRole('slider', { name: 'Момент записи' });
      await slider.focus();
      await viewer.page.keyboard.press('Home');
      await viewer.page.waitForFunction(() => document.querySelector('video.video__media').currentTime < 1);
      let page = await shown(viewer.page);
      checkEqual(page.questions, questionsAt(timeline, page.at), 'the questions at the start');
      await viewer.page.locator('.replay-bar__moments summary').click();
      await viewer.page.getByRole('button', { name: /Вопрос на сцене: Как удержать молодёжь в районе\?/ }).click();
      await viewer.page.waitForFunction((q) => document.querySelector(`li.question--stage[data-question-id="${q}"]`) !== null, ids.q1);
      page = await shown(viewer.page);
      checkEqual(page.questions, questionsAt(timeline, page.at), 'the questions at the highlight');
      await screenshot(viewer.page, 'participant-replay-phone-ru.png');
    });

    await step('a click on a transcript line moves the video to where the line was spoken', async () => {
      const target = timeline.items.find((i) => i.kind === 'transcript' && i.data.id === 'line-2').data;
      await seekVideo(viewer.page, mediaTime(segments, timeline.to_ms - 1000) ?? segments.at(-1).start);
      const button = viewer.page.locator('.transcript__seek').filter({ hasText: target.text });
      await button.click();
      const expected = mediaTime(segments, target.start_ms);
      await viewer.page.waitForFunction((t) => Math.abs(document.querySelector('video.video__media').currentTime - t) < 0.25, expected);
      checkEqual(await button.locator('xpath=..').getAttribute('aria-current'), 'true', 'the line is the current one');
    });

    await step('«Субтитры»: the server’s captions on the replay’s clock play each line where the video shows it', async () => {
      await viewer.page.getByRole('button', { name: 'Субтитры' }).click();
      const cues = await viewer.page.waitForFunction(() => {
        const track = document.querySelector('video.video__media').textTracks[0];
        return track?.mode === 'showing' && track.cues?.length > 0 && [...track.cues].map((c) => ({ start: c.startTime, text: c.text }));
      });
      const lines = timeline.items.filter((i) => i.kind === 'transcript').map((i) => i.data);
      const shown = await cues.jsonValue();
      checkEqual(shown.length, lines.length, 'captions');
      for (const line of lines) {
        const cue = shown.find((c) => c.text.includes(line.text));
        const at = mediaTime(segments, line.start_ms);
        check(cue && Math.abs(cue.start - at) < 0.5, `the caption «${line.text}» starts at ${cue?.start} s, its line at ${at} s of the video`);
      }
    });

    await step('no dialog, script error, console error or CSP refusal', async () => checkNoProblems([viewer], dialogs));
  } catch (error) {
    await stopAfterFailure(browser, server);
    throw error;
  }
  await stopAfterSuccess(browser, server);
});
