import { describe, expect, it } from 'vitest';
import { mediaTimeAt, parseMediaPlaylist, recordedUntil, recordingGaps, wallClockAt } from '../src/lib/playhead';
import { RECORDING as pieces, T0 } from './live-fixtures';

describe("the replay's two clocks", () => {
  it("turns the video's time into the hall's wall clock, across a break", () => {
    expect(wallClockAt(pieces, 0)).toBe(T0);
    expect(wallClockAt(pieces, 3.5)).toBe(T0 + 3_500);
    expect(wallClockAt(pieces, 4)).toBe(T0 + 14_000);
    expect(wallClockAt(pieces, 5.25)).toBe(T0 + 15_250);
    expect(wallClockAt(pieces, 99)).toBe(T0 + 18_000);
    expect(wallClockAt([], 1)).toBeNull();
  });

  it('turns a wall-clock moment into the video time that shows it; a moment in the break lands where the recording resumes', () => {
    expect(mediaTimeAt(pieces, T0 + 3_500)).toBe(3.5);
    expect(mediaTimeAt(pieces, T0 + 15_250)).toBe(5.25);
    expect(mediaTimeAt(pieces, T0 + 8_000)).toBe(4);
    expect(mediaTimeAt(pieces, T0 - 5_000)).toBe(0);
    expect(mediaTimeAt(pieces, T0 + 60_000)).toBe(8);
    expect(mediaTimeAt([], T0)).toBeNull();
    for (const t of [0, 1.2, 3.9, 4, 6.7]) expect(mediaTimeAt(pieces, wallClockAt(pieces, t)!)).toBeCloseTo(t, 9);
  });

  it('finds the holes in the recording within the replay range, its edges included, and ignores jitter', () => {
    expect(recordingGaps(pieces, T0, T0 + 18_000)).toEqual([{ from: T0 + 4_000, to: T0 + 14_000 }]);
    // the session went live 5 s before the first recorded segment and ended 3 s after the last
    expect(recordingGaps(pieces, T0 - 5_000, T0 + 21_000)).toEqual([
      { from: T0 - 5_000, to: T0 },
      { from: T0 + 4_000, to: T0 + 14_000 },
      { from: T0 + 18_000, to: T0 + 21_000 },
    ]);
    const jitter = [pieces[0]!, { start: 2, duration: 2, pdt: T0 + 2_300 }];
    expect(recordingGaps(jitter, T0, T0 + 4_300)).toEqual([]);
    expect(recordedUntil(pieces)).toBe(T0 + 18_000);
    expect(recordedUntil([])).toBeNull();
  });

  it('reads the segments of a media playlist as the server writes it for a replay', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-PROGRAM-DATE-TIME:2026-01-15T07:00:00.000Z',
      '#EXTINF:2.000,',
      '1768460400000-1.ts',
      '#EXTINF:2.000,',
      '1768460402000-2.ts',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-PROGRAM-DATE-TIME:2026-01-15T07:00:14.000Z',
      '#EXTINF:2.000,',
      '1768460414000-3.ts',
      '#EXT-X-ENDLIST',
    ].join('\n');
    expect(parseMediaPlaylist(text)).toEqual([
      { start: 0, duration: 2, pdt: T0 },
      { start: 2, duration: 2, pdt: T0 + 2_000 },
      { start: 4, duration: 2, pdt: T0 + 14_000 },
    ]);
    expect(parseMediaPlaylist('#EXTM3U\n#EXTINF:2,\nno-date.ts\n')).toEqual([]);
  });
});
