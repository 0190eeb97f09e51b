// The video cache under a crowd: 500 simulated viewers watch the same hall
// through nginx (deploy/nginx/veche.conf, via scripts/edge-demo.sh) for 20 s,
// each as a player would: the playlist about once a second, every segment it
// has not fetched yet. The origin's own counters (/metrics) must show about
// one request per segment and about one playlist a second, however many
// viewers; every viewer must get every segment it asked for, whole.
// Bounded: 500 viewers, 20 s, loopback only.
import https from 'node:https';
import { originMetric, request, startEdgeDemo } from './lib/edge.mjs';
import { check, runTest, step } from './lib/harness.mjs';
import { waitForHallLive } from './lib/veche.mjs';

const VIEWERS = 500;
const SECONDS = 20;
const HALL = 'main';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function viewer(edge, until, seen) {
  // One keep-alive connection per viewer, as one phone would hold.
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: edge.ca, servername: 'localhost' });
  const stats = { playlists: 0, asked: 0, got: 0, failures: [] };
  const have = new Set();
  try {
    while (Date.now() < until) {
      const playlist = await request({ tls: true, port: edge.edgePort, path: `/hls/${HALL}/index.m3u8`, agent });
      stats.playlists++;
      if (playlist.status !== 200) {
        stats.failures.push(`playlist: ${playlist.status}`);
      } else {
        const names = playlist.body.toString('utf8').split('\n').filter((l) => l.endsWith('.ts'));
        // A player starts near the live edge: the last three segments, then every new one.
        const wanted = (have.size === 0 ? names.slice(-3) : names).filter((n) => !have.has(n));
        for (const name of wanted) {
          have.add(name);
          seen.add(name);
          stats.asked++;
          const segment = await request({ tls: true, port: edge.edgePort, path: `/hls/${HALL}/${name}`, agent });
          const whole = segment.status === 200 && segment.body.length > 0 && segment.body.length === Number(segment.headers['content-length']) && segment.body[0] === 0x47;
          if (whole) stats.got++;
          else stats.failures.push(`${name}: ${segment.status}, ${segment.body.length} bytes`);
        }
      }
      await sleep(900 + Math.random() * 200);
    }
  } catch (error) {
    stats.failures.push(String(error?.message ?? error));
  } finally {
    agent.destroy();
  }
  return stats;
}

await runTest(`edge-cache.edge: ${VIEWERS} viewers through nginx, about one origin request per segment`, async () => {
  const edge = await step('scripts/edge-demo.sh starts nginx in front of veche on free ports', () => startEdgeDemo());
  try {
    await step(`hall «${HALL}» is live at the origin`, () => waitForHallLive(edge.origin, HALL));
    const series = (kind) => `veche_hls_requests_total{hall="${HALL}",kind="${kind}"}`;
    const before = { playlist: await originMetric(edge, series('playlist')), segment: await originMetric(edge, series('segment')) };
    const seen = new Set();

    const results = await step(`${VIEWERS} viewers watch for ${SECONDS} s`, async () => {
      const until = Date.now() + SECONDS * 1000;
      const all = [];
      for (let i = 0; i < VIEWERS; i++) {
        all.push(viewer(edge, until, seen));
        // Arrivals spread over the first two seconds, as an audience would come in.
        if (i % 50 === 49) await sleep(200);
      }
      return Promise.all(all);
    });

    await step('every viewer got every segment it asked for, whole', async () => {
      const failed = results.filter((r) => r.failures.length > 0 || r.got !== r.asked);
      check(failed.length === 0, `${failed.length} viewers had failures, e.g. ${JSON.stringify(failed.slice(0, 3))}`);
      const asked = results.reduce((n, r) => n + r.asked, 0);
      check(results.every((r) => r.got >= 5), `a viewer got fewer than 5 segments in ${SECONDS} s: ${JSON.stringify(results.find((r) => r.got < 5))}`);
      console.log(`       viewers asked for ${asked} segments (${seen.size} distinct) and ${results.reduce((n, r) => n + r.playlists, 0)} playlists`);
    });

    await step('the origin served about one request per segment and about one playlist a second', async () => {
      const after = { playlist: await originMetric(edge, series('playlist')), segment: await originMetric(edge, series('segment')) };
      const origin = { playlist: after.playlist - before.playlist, segment: after.segment - before.segment };
      const viewersPlaylists = results.reduce((n, r) => n + r.playlists, 0);
      console.log(`       origin: ${origin.segment} segment requests for ${seen.size} distinct segments, ${origin.playlist} playlist requests for ${viewersPlaylists} asked`);
      check(origin.segment >= 1 && origin.segment <= seen.size + 2, `${origin.segment} segment requests reached the origin for ${seen.size} distinct segments`);
      // A playlist is cached for 1 s: about one a second (plus the arrival burst), not one per viewer.
      check(origin.playlist >= 1 && origin.playlist <= 2 * SECONDS + 10, `${origin.playlist} playlist requests reached the origin in ${SECONDS} s`);
      check(viewersPlaylists >= 10 * origin.playlist, `the viewers asked only ${viewersPlaylists} playlists`);
    });
  } catch (error) {
    await edge.stop().catch(() => {});
    console.log(`edge-demo.sh output:\n${edge.log()}`);
    throw error;
  }
  await step('SIGTERM stops nginx and veche; nothing is left listening', async () => {
    const code = await edge.stop();
    check(code === 143, `exit code of edge-demo.sh: ${code}`);
  });
});
