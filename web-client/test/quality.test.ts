import { describe, expect, it } from 'vitest';
import { loadQuality, lowestRendition, parseMaster, parseQuality, QUALITY_STORAGE_KEY, renditionFor, saveQuality } from '../src/lib/quality';

const MASTER = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-STREAM-INF:BANDWIDTH=712000,AVERAGE-BANDWIDTH=650000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2",FRAME-RATE=25.000
360p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=310000,AVERAGE-BANDWIDTH=290000,RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2",FRAME-RATE=25.000
240p/index.m3u8
#EXT-X-STREAM-INF:BANDWIDTH=70000,AVERAGE-BANDWIDTH=68000,CODECS="mp4a.40.2"
audio/index.m3u8
`;

describe('the quality choice', () => {
  it('reads a multivariant playlist: the picture rungs tallest first and the sound alone', () => {
    const ladder = parseMaster(MASTER, 'http://forum.example/hls/main/master.m3u8');
    expect(ladder.renditions).toEqual([
      { url: 'http://forum.example/hls/main/360p/index.m3u8', width: 640, height: 360, bandwidth: 712000 },
      { url: 'http://forum.example/hls/main/240p/index.m3u8', width: 426, height: 240, bandwidth: 310000 },
    ]);
    expect(ladder.audioUrl).toBe('http://forum.example/hls/main/audio/index.m3u8');
    expect(parseMaster('#EXTM3U\n', 'http://x/')).toEqual({ renditions: [], audioUrl: null });
  });

  it('is auto, a height or the sound alone, and anything else is auto', () => {
    expect(parseQuality('audio')).toBe('audio');
    expect(parseQuality('240')).toBe(240);
    for (const bad of [null, '', 'auto', '-1', '240.5', 'abc', '99999']) expect(parseQuality(bad)).toBe('auto');
    expect(renditionFor(240, [{ height: 360 }, { height: 240 }])).toBe(1);
    expect(renditionFor(720, [{ height: 360 }])).toBeNull();
    expect(renditionFor('auto', [{ height: 360 }])).toBeNull();
  });

  it('is remembered, and a storage that throws changes nothing', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadQuality(storage)).toBe('auto');
    saveQuality(240, storage);
    expect(store.get(QUALITY_STORAGE_KEY)).toBe('240');
    expect(loadQuality(storage)).toBe(240);
    const broken = {
      getItem: () => {
        throw new Error('locked');
      },
      setItem: () => {
        throw new Error('locked');
      },
    };
    expect(loadQuality(broken)).toBe('auto');
    expect(() => saveQuality('audio', broken)).not.toThrow();
  });

  it('finds the lowest rung for the data saver, whichever order the player lists them in', () => {
    expect(lowestRendition([{ height: 360 }, { height: 240 }, { height: 720 }])).toBe(1);
    expect(lowestRendition([{ height: 240 }, { height: 360 }])).toBe(0);
    expect(lowestRendition([])).toBeNull();
  });
});
