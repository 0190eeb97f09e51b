// @vitest-environment node
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompress } from '../tools/compress';

describe('pre-compressed copies of the build', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'veche-compress-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes NAME.br and NAME.gz beside each text file, and both decompress to NAME', () => {
    mkdirSync(join(dir, 'assets'));
    const script = 'export const greet = (name) => `Здравствуйте, ${name}!`;\n'.repeat(200);
    writeFileSync(join(dir, 'assets', 'app-AbCd1234.js'), script);
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Вече</title>${'<p>абзац</p>'.repeat(100)}`);
    const files = precompress(dir);
    expect(files.map((f) => f.name).sort()).toEqual(['assets/app-AbCd1234.js', 'index.html']);
    for (const name of ['assets/app-AbCd1234.js', 'index.html']) {
      const original = readFileSync(join(dir, name));
      expect(brotliDecompressSync(readFileSync(join(dir, `${name}.br`)))).toEqual(original);
      expect(gunzipSync(readFileSync(join(dir, `${name}.gz`)))).toEqual(original);
    }
    const app = files.find((f) => f.name.endsWith('.js'))!;
    expect(app.br!).toBeLessThan(app.gzip!);
    expect(app.gzip!).toBeLessThan(app.bytes / 10);
  });

  it('leaves fonts, images and files that would not shrink alone, and skips dot folders', () => {
    writeFileSync(join(dir, 'font.woff2'), Buffer.alloc(4000, 7));
    writeFileSync(join(dir, 'tiny.css'), 'a{}');
    mkdirSync(join(dir, '.vite'));
    writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify({ a: 'b'.repeat(4000) }));
    const files = precompress(dir);
    expect(files).toEqual([{ name: 'tiny.css', bytes: 3, br: null, gzip: null }]);
    for (const name of ['font.woff2', 'tiny.css', '.vite/manifest.json']) {
      expect(existsSync(join(dir, `${name}.br`))).toBe(false);
      expect(existsSync(join(dir, `${name}.gz`))).toBe(false);
    }
  });
});
