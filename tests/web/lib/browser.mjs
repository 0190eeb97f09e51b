// Debian's Chromium driven by playwright-core. Playwright gives every
// launch() a fresh temporary profile (a --user-data-dir of its own), so no
// state leaks between runs.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { chromiumPath, OUTPUT_DIR } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `extraArgs` adds to CHROMIUM_ARGS, e.g. a certificate to trust (tests/web/lib/edge.mjs). */
export async function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 30_000,
  });
}

export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export const DESKTOP = {
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
};

/**
 * Records what a person would not see but a developer must: script errors,
 * console errors (Chromium reports Content-Security-Policy refusals there)
 * and failed requests to our own server.
 */
export function watchPage(page, origin) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is a request the page itself cancelled (a reload, hls.js dropping a load): no fault.
    if (request.url().startsWith(origin) && request.failure()?.errorText !== 'net::ERR_ABORTED') {
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    }
  });
  page.on('response', (response) => {
    if (response.url().startsWith(origin) && response.status() >= 400) {
      problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  return problems;
}

/** A full-page screenshot into tests/web/output/, once the fonts are in. */
export async function screenshot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  const path = join(OUTPUT_DIR, name);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  console.log(`       screenshot ${path}`);
}
