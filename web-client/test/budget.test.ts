// @vitest-environment node
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Manifest } from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { budgetPlugin, describeReport, filesBeforeLazy, PARTICIPANT_BUDGET_BYTES, weighPage } from '../tools/budget';

const manifest: Manifest = {
  'index.html': { file: 'assets/index-1.js', src: 'index.html', isEntry: true, imports: ['_shared-2.js'], dynamicImports: ['node_modules/hls.js/light'], css: ['assets/index-1.css'] },
  '_shared-2.js': { file: 'assets/shared-2.js', imports: ['_tiny-3.js'], css: ['assets/shared-2.css'] },
  '_tiny-3.js': { file: 'assets/tiny-3.js', imports: ['_shared-2.js'] },
  'node_modules/hls.js/light': { file: 'assets/hls.light-4.js', isDynamicEntry: true, imports: ['_shared-2.js'] },
  'moderator.html': { file: 'assets/moderator-5.js', isEntry: true, imports: ['_shared-2.js'] },
};

describe('the page-weight budget', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'veche-budget-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the entry, its static imports and their styles; not what loads lazily or other pages', () => {
    expect(filesBeforeLazy(manifest, 'index.html').sort()).toEqual(
      ['assets/index-1.css', 'assets/index-1.js', 'assets/shared-2.css', 'assets/shared-2.js', 'assets/tiny-3.js'].sort(),
    );
    expect(() => filesBeforeLazy(manifest, 'missing.html')).toThrow(/no entry missing.html/);
  });

  it('holds for a page under the limit and names the largest files of one over it', () => {
    writeFileSync(join(dir, 'a.js'), 'console.log("a");'.repeat(500));
    writeFileSync(join(dir, 'b.js'), randomBytes(30_000));
    const small: Manifest = { 'index.html': { file: 'a.js', isEntry: true } };
    const large: Manifest = { 'index.html': { file: 'a.js', isEntry: true, imports: ['_b'] }, _b: { file: 'b.js' } };
    const ok = weighPage(dir, small, 'index.html', 1_000);
    expect(ok.ok).toBe(true);
    expect(ok.total.gzip).toBeLessThan(ok.total.bytes);
    const over = weighPage(dir, large, 'index.html', 20_000);
    expect(over.ok).toBe(false);
    expect(over.total.gzip).toBeGreaterThan(30_000);
    expect(describeReport(over)).toMatch(/OVER BUDGET by 1\d\.\d KB[\s\S]*b\.js: 3\d\.\d KB gzip/);
  });

  async function buildFixture(moduleBytes: number) {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
    // Random bytes as base64: about as compressible as minified code that has already been squeezed.
    writeFileSync(join(dir, 'main.js'), `import { blob } from './blob.js';\ndocument.title = blob.slice(0, 8);\n`);
    writeFileSync(join(dir, 'blob.js'), `export const blob = ${JSON.stringify(randomBytes(moduleBytes).toString('base64'))};\n`);
    return build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      plugins: [budgetPlugin({ 'index.html': PARTICIPANT_BUDGET_BYTES })],
      build: { outDir: join(dir, 'dist'), manifest: true, minify: false },
    });
  }

  it('fails the build of a page that grows past the participant budget', async () => {
    await expect(buildFixture(60_000)).rejects.toThrow(/page-weight budget: index\.html before video: .*OVER BUDGET/);
  }, 30_000);

  it('lets the same page through while it stays under the budget', async () => {
    await expect(buildFixture(20_000)).resolves.toBeTruthy();
  }, 30_000);
});
