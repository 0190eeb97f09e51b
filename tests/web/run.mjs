#!/usr/bin/env node
// Runs every end-to-end test of the web client: each `*.e2e.mjs` file in this
// folder (with --suite edge: each `*.edge.mjs`, the tests through nginx), one
// at a time, each in its own Node process with a time limit.
//
//   node tests/web/run.mjs [--suite e2e|edge] [--veche PATH] [--timeout SECONDS] [NAME_FILTER...]
//
// The server executable comes from --veche, else $VECHE_BIN, else build/veche
// (relative to the repository root). Exits non-zero when a test fails, times
// out, or when there is nothing to run.
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT, WEB_CLIENT_DIST, WEB_TESTS_DIR, chromiumPath, exists, vecheBin } from './lib/paths.mjs';

function parseArgs(argv) {
  const options = { timeoutSeconds: Number(process.env.VECHE_E2E_TIMEOUT || 180), filters: [], suite: 'e2e' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--veche') process.env.VECHE_BIN = resolve(argv[++i] ?? '');
    else if (arg.startsWith('--veche=')) process.env.VECHE_BIN = resolve(arg.slice('--veche='.length));
    else if (arg === '--timeout') options.timeoutSeconds = Number(argv[++i]);
    else if (arg === '--suite') options.suite = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node tests/web/run.mjs [--suite e2e|edge] [--veche PATH] [--timeout SECONDS] [NAME_FILTER...]');
      process.exit(0);
    } else options.filters.push(arg);
  }
  if (!(options.timeoutSeconds > 0)) throw new Error('--timeout needs a positive number of seconds');
  if (!['e2e', 'edge'].includes(options.suite)) throw new Error('--suite is e2e or edge');
  return options;
}

/** What a failed file printed about its failure: from its first FAIL line on, else its last lines. */
function failureExcerpt(text) {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => /^\s*FAIL /.test(line));
  const from = first >= 0 ? first : Math.max(0, lines.length - 20);
  return lines.slice(from, from + 30).join('\n');
}

/** Everything the tests need, checked up front so a missing piece gets one clear line. */
function preflight(suite) {
  const faults = [];
  if (suite === 'edge') {
    for (const tool of ['/usr/sbin/nginx', '/usr/bin/openssl']) {
      if (!exists(tool)) faults.push(`${tool} is missing: run scripts/setup.sh (Debian packages nginx, openssl)`);
    }
  }
  const bin = vecheBin();
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    faults.push(`the server executable ${bin} is missing or not executable: build it (cmake -S . -B build && cmake --build build) or pass --veche PATH / VECHE_BIN`);
  }
  if (!exists(join(WEB_CLIENT_DIST, 'index.html'))) {
    faults.push(`the web client is not built (${join(WEB_CLIENT_DIST, 'index.html')} is missing): run npm --prefix web-client run build`);
  }
  if (!exists(join(WEB_TESTS_DIR, 'node_modules', 'playwright-core'))) {
    faults.push('playwright-core is not installed in tests/web: run scripts/setup.sh (or npm ci in tests/web)');
  }
  if (!exists(chromiumPath())) {
    faults.push(`Chromium is missing at ${chromiumPath()}: run scripts/setup.sh (Debian package chromium) or set CHROMIUM_PATH`);
  }
  return faults;
}

function runFile(file, timeoutSeconds) {
  return new Promise((resolveRun) => {
    const started = Date.now();
    // Its own process group, so a test that hangs is stopped with everything it started.
    const child = spawn(process.execPath, [file], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    // Passed through as it comes, and kept: a failure's own lines are printed again in the summary.
    const output = [];
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output.push(chunk);
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output.push(chunk);
    });
    let timedOut = false;
    const killGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    const stop = () => {
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 5000).unref();
    };
    stopCurrent = stop;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\nTIMEOUT ${file} ran longer than ${timeoutSeconds} s; stopping it`);
      stop();
    }, timeoutSeconds * 1000);
    let exit = { code: null, signal: null };
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      clearTimeout(timer);
      stopCurrent = null;
      // Anything it left behind in its group (a server it failed to stop) goes too, and with it the pipes.
      killGroup('SIGKILL');
    });
    child.on('close', () => {
      const text = Buffer.concat(output).toString('utf8');
      const ok = !timedOut && exit.code === 0;
      resolveRun({ ok, ...exit, timedOut, ms: Date.now() - started, text });
    });
  });
}

const interrupted = [];
let stopCurrent = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted.push(signal);
    console.error(`\nrun.mjs: ${signal}, stopping`);
    stopCurrent?.();
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const files = readdirSync(WEB_TESTS_DIR)
    .filter((name) => name.endsWith(`.${options.suite}.mjs`))
    .filter((name) => options.filters.length === 0 || options.filters.some((f) => name.includes(f)))
    .sort();
  if (files.length === 0) {
    console.error(`no *.${options.suite}.mjs test matches in ${WEB_TESTS_DIR}`);
    return 1;
  }
  const faults = preflight(options.suite);
  if (faults.length > 0) {
    for (const fault of faults) console.error(`web ${options.suite}: ${fault}`);
    console.log(`0 passed, ${files.length} failed`);
    return 1;
  }
  console.log(`web ${options.suite}: ${files.length} file(s); server ${vecheBin()}; browser ${chromiumPath()}`);

  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const name of files) {
    if (interrupted.length > 0) break;
    const result = await runFile(join(WEB_TESTS_DIR, name), options.timeoutSeconds);
    const how = result.timedOut ? 'timed out' : result.signal ? `killed by ${result.signal}` : `exit ${result.code}`;
    console.log(`${result.ok ? 'passed' : 'FAILED'} ${name} (${how}, ${(result.ms / 1000).toFixed(1)} s)\n`);
    if (result.ok) passed++;
    else {
      failed++;
      failures.push(`--- ${name} (${how})\n${failureExcerpt(result.text)}`);
    }
  }
  // Said again at the end, where a log cut to its tail still shows it.
  if (failures.length > 0) console.log(`failures:\n${failures.join('\n')}\n`);
  const skipped = files.length - passed - failed;
  console.log(`${passed} passed, ${failed + skipped} failed`);
  return failed + skipped === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`run.mjs: ${error?.message ?? error}`);
    process.exit(2);
  },
);
