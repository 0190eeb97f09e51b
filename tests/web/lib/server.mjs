// Starts the real `veche serve` on a free port with a fresh data directory,
// as an operator would, and stops it the way systemd would (SIGTERM).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEqual, step } from './harness.mjs';
import { REPO_ROOT, vecheBin } from './paths.mjs';

const LISTENING = /listening on (\S+):(\d+)/;

/**
 * `port` and `dataDir` start a server where an earlier one, stopped with
 * `{ keepData: true }`, left off; the new one then owns the directory.
 * @param {{ args?: string[], startTimeoutMs?: number, port?: number, dataDir?: string }} [options]
 * @returns {Promise<{ baseUrl: string, port: number, dataDir: string, log: () => string, stop: (timeoutMs?: number) => Promise<number|null> }>}
 */
export async function startVeche(options = {}) {
  const bin = vecheBin();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'veche-e2e-')));
  let keepData = false;
  const removeData = () => (keepData ? Promise.resolve() : rm(dataDir, { recursive: true, force: true }));
  const args = ['serve', '--listen', `127.0.0.1:${options.port ?? 0}`, '--data', dataDir, ...(options.args ?? [])];
  // The repository root as working directory: the server finds
  // web-client/dist the way it does for a developer running it by hand.
  const child = spawn(bin, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

  let output = '';
  const log = () => output;
  const exited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => resolveExit({ code, signal }));
    child.on('error', (error) => resolveExit({ code: null, signal: null, error }));
  });

  const address = await new Promise((resolveAddr, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`veche did not print "listening on HOST:PORT" within ${options.startTimeoutMs ?? 15000} ms\n${tail(output)}`)),
      options.startTimeoutMs ?? 15000,
    );
    const onData = (chunk) => {
      output += chunk.toString('utf8');
      const m = LISTENING.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveAddr({ host: m[1], port: Number(m[2]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk.toString('utf8');
    });
    exited.then(({ code, signal, error }) => {
      clearTimeout(timer);
      reject(new Error(`veche (${bin} ${args.join(' ')}) exited before listening: ${error ? error.message : `code ${code}, signal ${signal}`}\n${tail(output)}`));
    });
  }).catch(async (error) => {
    child.kill('SIGKILL');
    await removeData();
    throw error;
  });

  let stopped = null;
  /** SIGTERM, then wait; returns the exit code, or throws when it does not exit in time. */
  const stop = (timeoutMs = 5000, how = {}) => {
    keepData ||= how.keepData === true;
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const outcome = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), timeoutMs))]);
      await removeData().catch(() => {});
      if (outcome === null) {
        child.kill('SIGKILL');
        throw new Error(`veche did not exit within ${timeoutMs} ms of SIGTERM\n${tail(output)}`);
      }
      return outcome.code;
    })();
    return stopped;
  };

  return { baseUrl: `http://${address.host}:${address.port}`, port: address.port, dataDir, log, stop };
}

function tail(text, lines = 20) {
  const all = text.trimEnd().split('\n');
  return all.length === 0 || (all.length === 1 && all[0] === '')
    ? '(the server printed nothing)'
    : `last lines of its output:\n  ${all.slice(-lines).join('\n  ')}`;
}

/** The end of a browser test that passed: Chromium closed, then veche stopped by SIGTERM with exit code 0. */
export async function stopAfterSuccess(browser, server) {
  await browser.close();
  await step('SIGTERM stops veche with exit code 0', async () => checkEqual(await server.stop(5000), 0, 'exit code of veche'));
}

/** After a failure: closes what is open, ignoring their own errors, so that the first failure is the one reported. */
export async function stopAfterFailure(browser, server) {
  if (browser) await browser.close().catch(() => {});
  await server.stop(5000).catch(() => {});
}
