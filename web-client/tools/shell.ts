// Builds the participant page's service worker as /sw.js (a classic script
// at the root, so that its scope is the whole site) and writes into it the
// list of files that make the page shell: the page's HTML and every file it
// references (scripts, module preloads, styles, icon), plus the fonts those
// styles use. The list and its version change with every build that changes
// the shell, and so does sw.js: browsers then install the new worker.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Plugin, Rolldown } from 'vite';

type OutputAsset = Rolldown.OutputAsset;
type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

export const SHELL_PLACEHOLDER = '__VECHE_SHELL__';

/** The /assets/ files an HTML or CSS text references. */
export function referencedAssets(text: string): string[] {
  return [...new Set([...text.matchAll(/\/assets\/[\w.-]+/g)].map((m) => m[0]))];
}

/** The shell of `page` in the bundle: its HTML's references, then the fonts (woff2) its styles use. */
export function shellFiles(bundle: OutputBundle, page: string): string[] {
  const html = bundle[page];
  if (!html || html.type !== 'asset') throw new Error(`the bundle has no page ${page}`);
  const files = referencedAssets(String(html.source));
  const fonts: string[] = [];
  for (const file of files.filter((f) => f.endsWith('.css'))) {
    const css = bundle[file.slice(1)] as OutputAsset | undefined;
    if (!css) throw new Error(`${page} references ${file}, which the bundle does not have`);
    fonts.push(...referencedAssets(String(css.source)).filter((f) => f.endsWith('.woff2')));
  }
  return [...new Set([...files, ...fonts])];
}

export function shellPlugin(options: { page: string; worker: string }): Plugin {
  let workerId = '';
  return {
    name: 'veche:shell',
    apply: 'build',
    configResolved(config) {
      workerId = resolve(config.root, options.worker);
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: workerId, fileName: 'sw.js' });
    },
    generateBundle: {
      // After Vite has written the pages (with their preload links) into the bundle.
      order: 'post',
      handler(_options, bundle) {
        const worker = bundle['sw.js'] as OutputChunk | undefined;
        if (!worker || worker.type !== 'chunk') this.error('sw.js is missing from the bundle');
        // A service worker registered as a classic script cannot import.
        if (worker.imports.length > 0 || worker.exports.length > 0 || /^\s*(import|export)\b/m.test(worker.code)) {
          this.error(`sw.js must be self-contained; it imports ${worker.imports.join(', ') || 'or exports something'}`);
        }
        const files = shellFiles(bundle, options.page);
        const html = String((bundle[options.page] as OutputAsset).source);
        const version = createHash('sha256').update(JSON.stringify(files)).update(html).digest('hex').slice(0, 16);
        const shell = JSON.stringify({ version, page: '/', files });
        const uses = worker.code.split(SHELL_PLACEHOLDER).length - 1;
        if (uses !== 1) this.error(`sw.js names ${SHELL_PLACEHOLDER} ${uses} times; expected once`);
        worker.code = worker.code.replace(SHELL_PLACEHOLDER, shell);
        this.info(`sw.js: ${files.length} shell files, version ${version}`);
      },
    },
  };
}
