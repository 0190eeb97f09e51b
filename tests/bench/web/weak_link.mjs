#!/usr/bin/env node
// The participant page on a weak link, measured: Chromium (playwright-core,
// Debian's /usr/bin/chromium) with DevTools network emulation and an empty
// cache opens a session of the demo forum (20 approved questions, the hall on
// air) as a participant who joined earlier. Reports, per link, the median and
// the range over RUNS first views of: the questions list and the ask box on
// screen and the first video frame (the video on, as a participant opens the
// page); then, in a second first view with the video's requests refused, the
// bytes received (the page, its fonts, the API, the WebSocket, the service
// worker's copies), counted by a TCP relay in front of the server.
//
//   node tests/bench/web/weak_link.mjs [--runs N] [--web-root DIR] [--veche PATH]
//
// --web-root serves another build of the web client (e.g. an older commit's
// web-client/dist) from the same server, to compare before and after.
import { launchChromium } from '../../web/lib/browser.mjs';
import { NETWORKS, firstView, joinedParticipant, weakLinkForum } from '../../web/lib/weak_link.mjs';

function parseArgs(argv) {
  const options = { runs: 5, webRoot: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else if (argv[i] === '--web-root') options.webRoot = argv[++i];
    else if (argv[i] === '--veche') process.env.VECHE_BIN = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!(options.runs >= 1)) throw new Error('--runs needs a positive number');
  return options;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summary(name, values, unit) {
  const fmt = unit === 'KB' ? (v) => (v / 1000).toFixed(1) : (v) => (v / 1000).toFixed(2);
  return `${name} ${fmt(median(values))} ${unit === 'KB' ? 'KB' : 's'} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})`;
}

const options = parseArgs(process.argv.slice(2));
const browser = await launchChromium();
const { server, relay } = await weakLinkForum(browser, { webRoot: options.webRoot });
try {
  console.log(`weak-link bench: ${options.runs} first views per link; web root ${options.webRoot ?? 'web-client/dist'}`);
  for (const [key, network] of Object.entries(NETWORKS)) {
    const runs = [];
    for (let i = 0; i < options.runs; i++) {
      const identity = await joinedParticipant(relay.baseUrl, `Участник ${key} ${i}`);
      const watched = await firstView(browser, relay, { network, identity, video: true });
      await watched.context.close();
      const still = await firstView(browser, relay, { network, identity, video: false });
      await still.context.close();
      const run = { questionsMs: watched.questionsMs, askBoxMs: watched.askBoxMs, firstFrameMs: watched.firstFrameMs, pageBytes: still.bytes };
      runs.push(run);
      console.log(
        `  ${key} run ${i + 1}: questions ${run.questionsMs} ms, ask box ${run.askBoxMs} ms, first frame ${run.firstFrameMs} ms; ` +
          `without video: ${run.pageBytes} B, questions ${still.questionsMs} ms`,
      );
    }
    console.log(
      `${network.label} (${network.downKbps}/${network.upKbps} kbit/s, ${network.rttMs} ms RTT): ` +
        [
          summary('questions', runs.map((r) => r.questionsMs), 's'),
          summary('ask box', runs.map((r) => r.askBoxMs), 's'),
          summary('first frame', runs.map((r) => r.firstFrameMs), 's'),
          summary('bytes without video', runs.map((r) => r.pageBytes), 'KB'),
        ].join(', '),
    );
  }
} finally {
  await browser.close();
  await relay.close();
  await server.stop();
}
