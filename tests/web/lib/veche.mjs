// Staff tokens minted by the real `veche token`, as an organiser would.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT, vecheBin } from './paths.mjs';

const run = promisify(execFile);

/** The demo config: the server is started with it, so the secret is the one `veche token` uses. */
export const DEMO_CONFIG = 'config/demo.json';

export async function mintToken(role, { session, name } = {}) {
  const args = ['token', '--config', DEMO_CONFIG, '--role', role];
  if (session) args.push('--session', session);
  if (name) args.push('--name', name);
  const { stdout } = await run(vecheBin(), args, { cwd: REPO_ROOT, timeout: 10_000 });
  const token = stdout.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) throw new Error(`veche token printed no JWT: ${JSON.stringify(stdout)}`);
  return token;
}
