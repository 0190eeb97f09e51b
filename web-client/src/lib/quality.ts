// The participant's choice of picture quality (the hall's ladder, contract
// 7.4), remembered across visits: automatic, one rung by its height, or
// sound alone (the worst links and a careful data plan).
import { localStore, readStored, writeStored, type StorageLike } from './storage';

/** 'auto' (the player picks by the link and the screen), a rung's height in lines, or 'audio'. */
export type Quality = 'auto' | 'audio' | number;

/** localStorage key of the choice */
export const QUALITY_STORAGE_KEY = 'veche.video-quality';

export function parseQuality(value: string | null | undefined): Quality {
  if (value === 'audio') return 'audio';
  const height = Number(value);
  return Number.isInteger(height) && height > 0 && height <= 4320 ? height : 'auto';
}

export function loadQuality(storage: StorageLike | null = localStore()): Quality {
  return parseQuality(readStored(QUALITY_STORAGE_KEY, storage));
}

export function saveQuality(quality: Quality, storage: StorageLike | null = localStore()): void {
  writeStored(QUALITY_STORAGE_KEY, String(quality), storage);
}

/** One rung of video as a player offers it. */
export interface Rendition {
  url: string;
  width: number;
  height: number;
  bandwidth: number;
}

export interface Ladder {
  /** the picture rungs, tallest first */
  renditions: Rendition[];
  /** the audio-only rung's playlist, when the hall offers one */
  audioUrl: string | null;
}

const STREAM_INF = '#EXT-X-STREAM-INF:';

function attribute(list: string, name: string): string | null {
  const match = new RegExp(`(?:^|,)${name}=("[^"]*"|[^,]*)`).exec(list);
  return match?.[1] ? match[1].replace(/^"|"$/g, '') : null;
}

/**
 * Reads a multivariant playlist (for players that do not, such as Safari's
 * own): the picture rungs and the audio-only one, with absolute URLs.
 */
export function parseMaster(text: string, baseUrl: string): Ladder {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const ladder: Ladder = { renditions: [], audioUrl: null };
  lines.forEach((line, i) => {
    if (!line.startsWith(STREAM_INF)) return;
    const attrs = line.slice(STREAM_INF.length);
    const uri = lines.slice(i + 1).find((l) => l !== '' && !l.startsWith('#'));
    if (!uri) return;
    const url = new URL(uri, baseUrl).href;
    const [width = 0, height = 0] = (attribute(attrs, 'RESOLUTION') ?? '').split('x').map(Number);
    const codecs = attribute(attrs, 'CODECS') ?? '';
    const bandwidth = Number(attribute(attrs, 'BANDWIDTH') ?? 0);
    if (width > 0 && height > 0) ladder.renditions.push({ url, width, height, bandwidth });
    else if (codecs !== '' && !codecs.includes('avc1')) ladder.audioUrl = url;
  });
  ladder.renditions.sort((a, b) => b.height - a.height);
  return ladder;
}

/** The rendition a choice names; null for 'auto', 'audio' and a height the hall does not offer. */
export function renditionFor(quality: Quality, renditions: readonly Pick<Rendition, 'height'>[]): number | null {
  if (typeof quality !== 'number') return null;
  const index = renditions.findIndex((r) => r.height === quality);
  return index >= 0 ? index : null;
}

/** The index of the rendition with the fewest lines: what the data saver plays; null when there is none. */
export function lowestRendition(renditions: readonly Pick<Rendition, 'height'>[]): number | null {
  let lowest: number | null = null;
  renditions.forEach((r, i) => {
    if (lowest === null || r.height < renditions[lowest]!.height) lowest = i;
  });
  return lowest;
}
