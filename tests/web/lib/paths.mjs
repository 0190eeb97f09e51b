// Where things are, overridable from the environment so CTest and CI can
// point at their own build.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_TESTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(WEB_TESTS_DIR, '..', '..');
export const OUTPUT_DIR = resolve(WEB_TESTS_DIR, 'output');
export const WEB_CLIENT_DIST = resolve(REPO_ROOT, 'web-client', 'dist');

/** The server executable: $VECHE_BIN, else build/veche in the repository. */
export function vecheBin() {
  return resolve(REPO_ROOT, process.env.VECHE_BIN || 'build/veche');
}

/** Debian's Chromium; never a browser downloaded by Playwright. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function exists(path) {
  return existsSync(path);
}
