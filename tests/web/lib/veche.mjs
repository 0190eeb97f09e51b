// Staff tokens minted by the real `veche token`, as an organiser would.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT, vecheBin } from './paths.mjs';

const run = promisify(execFile);

/** The demo config: the server is started with it, so the secret is the one `veche token` uses. */
export const DEMO_CONFIG = 'config/demo.json';

export async function mintToken(role, { session, name, org, region } = {}) {
  const args = ['token', '--config', DEMO_CONFIG, '--role', role];
  if (session) args.push('--session', session);
  if (name) args.push('--name', name);
  if (org) args.push('--org', org);
  if (region) args.push('--region', region);
  const { stdout } = await run(vecheBin(), args, { cwd: REPO_ROOT, timeout: 10_000 });
  const token = stdout.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) throw new Error(`veche token printed no JWT: ${JSON.stringify(stdout)}`);
  return token;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits (bounded) until a hall is `live` in /api/v1/event and its playlist
 * lists a segment; the status may turn live a moment before the first
 * segment is cut. Returns the playlist text.
 */
export async function waitForHallLive(base, hall, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < until) {
    const event = await (await fetch(`${base}/api/v1/event`)).json();
    const status = event.halls.find((h) => h.id === hall)?.stream?.status;
    if (status === 'live') {
      const response = await fetch(`${base}/hls/${hall}/index.m3u8`);
      const text = response.ok ? await response.text() : '';
      if (text.includes('#EXTINF')) return text;
      last = `status live, playlist ${response.status}`;
    } else last = `status ${status}`;
    await sleep(250);
  }
  throw new Error(`hall ${hall} did not go live with a segment within ${timeoutMs} ms (${last})`);
}
