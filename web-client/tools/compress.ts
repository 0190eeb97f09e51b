// Pre-compressed copies of the built files. The server sends NAME.br or
// NAME.gz in place of NAME to a client that accepts the coding (it never
// compresses a file itself), so the work is done once here, at the highest
// settings, and costs nothing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text formats worth compressing; fonts, images and video are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt', '.xml', '.vtt']);

export function brotli(data: Buffer): Buffer {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

export function gzip(data: Buffer): Buffer {
  return gzipSync(data, { level: 9 });
}

export interface CompressedFile {
  /** relative to the folder, with forward slashes */
  name: string;
  bytes: number;
  /** null when the copy would not be smaller, so none was written */
  br: number | null;
  gzip: number | null;
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Dot folders (Vite's manifest in .vite/) are not served: the server does not index them.
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Writes NAME.br and NAME.gz beside every compressible file under `dir`,
 * each only when it is smaller than NAME (the server then sends NAME
 * itself). Returns what it wrote, by file.
 */
export function precompress(dir: string): CompressedFile[] {
  const out: CompressedFile[] = [];
  for (const path of filesUnder(dir)) {
    if (!COMPRESSIBLE.has(extname(path))) continue;
    const data = readFileSync(path);
    const copies = { br: brotli(data), gzip: gzip(data) };
    const sizes: Pick<CompressedFile, 'br' | 'gzip'> = { br: null, gzip: null };
    for (const [coding, copy] of Object.entries(copies) as [keyof typeof copies, Buffer][]) {
      if (copy.length >= data.length) continue;
      writeFileSync(`${path}.${coding === 'br' ? 'br' : 'gz'}`, copy);
      sizes[coding] = copy.length;
    }
    out.push({ name: relative(dir, path).split('\\').join('/'), bytes: statSync(path).size, ...sizes });
  }
  return out;
}

/** The Vite plugin: compresses the output folder once everything is written. */
export function precompressPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'veche:precompress',
    apply: 'build',
    // After the other plugins' writeBundle, so that what they wrote is compressed too.
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle: {
      order: 'post',
      handler() {
        const files = precompress(outDir);
        const saved = files.reduce((sum, f) => sum + f.bytes - (f.br ?? f.bytes), 0);
        this.info(`wrote .br and .gz beside ${files.length} files (brotli saves ${Math.round(saved / 1024)} KiB)`);
      },
    },
  };
}
