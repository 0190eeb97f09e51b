// The page-weight budget, checked at every build: the JavaScript and CSS a
// page needs before its video starts (its entry, everything the entry
// imports statically, and their styles), compressed. Lazily imported chunks
// (hls.js) are outside it. A build that grows past the budget fails.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Manifest, Plugin } from 'vite';
import { brotli, gzip } from './compress.ts';

/** The participant page's budget: what a phone on 3G downloads before the video. 1 KB = 1000 bytes. */
export const PARTICIPANT_BUDGET_BYTES = 60_000;

export interface WeighedFile {
  file: string;
  bytes: number;
  gzip: number;
  br: number;
}

export interface BudgetReport {
  page: string;
  files: WeighedFile[];
  total: { bytes: number; gzip: number; br: number };
  limit: number;
  /** the budget holds for the gzip size (what a client gets that does not offer brotli, as browsers over plain HTTP) */
  ok: boolean;
}

/** The files a page loads before anything lazy: the entry chunk, its static imports (transitively) and their CSS. */
export function filesBeforeLazy(manifest: Manifest, entry: string): string[] {
  if (!manifest[entry]) throw new Error(`the build manifest has no entry ${entry}`);
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest names ${key} but has no such chunk`);
    if (chunk.file.endsWith('.js') || chunk.file.endsWith('.css')) files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files];
}

export function weighPage(dir: string, manifest: Manifest, entry: string, limit: number): BudgetReport {
  const files = filesBeforeLazy(manifest, entry).map((file) => {
    const data = readFileSync(join(dir, file));
    return { file, bytes: data.length, gzip: gzip(data).length, br: brotli(data).length };
  });
  const total = files.reduce((t, f) => ({ bytes: t.bytes + f.bytes, gzip: t.gzip + f.gzip, br: t.br + f.br }), { bytes: 0, gzip: 0, br: 0 });
  return { page: entry, files, total, limit, ok: total.gzip <= limit };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export function describeReport(report: BudgetReport): string {
  const head = `${report.page} before video: ${report.files.length} JS/CSS files, ${kb(report.total.bytes)} raw, ${kb(report.total.gzip)} gzip, ${kb(report.total.br)} brotli (budget ${kb(report.limit)} gzip)`;
  if (report.ok) return head;
  const largest = [...report.files]
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 5)
    .map((f) => `  ${f.file}: ${kb(f.gzip)} gzip`);
  return [`${head}: OVER BUDGET by ${kb(report.total.gzip - report.limit)}`, 'largest:', ...largest].join('\n');
}

/** The Vite plugin: fails the build when a page is past its budget. Needs `build.manifest`. */
export function budgetPlugin(budgets: Record<string, number>): Plugin {
  let outDir = 'dist';
  let manifestFile = '.vite/manifest.json';
  return {
    name: 'veche:budget',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      if (typeof config.build.manifest === 'string') manifestFile = config.build.manifest;
      else if (config.build.manifest !== true) throw new Error('veche:budget needs build.manifest');
    },
    writeBundle() {
      const manifest = JSON.parse(readFileSync(join(outDir, manifestFile), 'utf8')) as Manifest;
      for (const [entry, limit] of Object.entries(budgets)) {
        const report = weighPage(outDir, manifest, entry, limit);
        if (!report.ok) this.error(`page-weight budget: ${describeReport(report)}`);
        this.info(describeReport(report));
      }
    },
  };
}
