// The replay's two clocks: the video's own time (seconds from the start of
// the recording) and the wall clock of the hall (EXT-X-PROGRAM-DATE-TIME of
// each segment). A slate period is not recorded: the playlist goes on after
// it with a DISCONTINUITY and a later date, so the video's time runs on while
// the wall clock jumps. Questions, votes and transcript lines are placed by
// the wall clock; seeking turns it back into the video's time.

/** One segment of the recording. */
export interface Piece {
  /** where it starts in the video (s) */
  start: number;
  /** s */
  duration: number;
  /** wall clock of its first frame (ms since the epoch) */
  pdt: number;
}

/** A stretch of wall-clock time with no recording (ms since the epoch). */
export interface Gap {
  from: number;
  to: number;
}

/** Segments that follow each other within this are one take. */
const CONTINUITY_MS = 500;

const end = (p: Piece) => p.pdt + p.duration * 1000;

/** The last piece whose key is at or before `value`, or -1. */
function lastAtOrBefore(pieces: readonly Piece[], value: number, key: (p: Piece) => number): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(pieces[mid]!) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The wall clock at a moment of the video; null before the recording is known. */
export function wallClockAt(pieces: readonly Piece[], time: number): number | null {
  if (pieces.length === 0) return null;
  const piece = pieces[Math.max(0, lastAtOrBefore(pieces, time, (p) => p.start))]!;
  const offset = Math.min(Math.max(time - piece.start, 0), piece.duration);
  return piece.pdt + offset * 1000;
}

/**
 * The moment of the video that shows the wall-clock time `ms`. A time in a
 * gap lands where the recording resumes; before the recording, at its start;
 * after it, at its end.
 */
export function mediaTimeAt(pieces: readonly Piece[], ms: number): number | null {
  if (pieces.length === 0) return null;
  const index = lastAtOrBefore(pieces, ms, (p) => p.pdt);
  if (index < 0) return pieces[0]!.start;
  const piece = pieces[index]!;
  if (ms < end(piece)) return piece.start + (ms - piece.pdt) / 1000;
  const next = pieces[index + 1];
  return next ? next.start : piece.start + piece.duration;
}

/** Where the recording's wall clock ends (ms), or null before it is known. */
export function recordedUntil(pieces: readonly Piece[]): number | null {
  const last = pieces.at(-1);
  return last ? end(last) : null;
}

/**
 * The holes in the recording between `from` and `to` (the replay's range),
 * those at its edges included, at least `minMs` long: shown, not hidden.
 */
export function recordingGaps(pieces: readonly Piece[], from: number, to: number, minMs = 2_000): Gap[] {
  if (pieces.length === 0) return [];
  const gaps: Gap[] = [];
  const add = (a: number, b: number) => {
    const gap = { from: Math.max(a, from), to: Math.min(b, to) };
    if (gap.to - gap.from >= minMs) gaps.push(gap);
  };
  add(from, pieces[0]!.pdt);
  for (let i = 1; i < pieces.length; i++) {
    const previousEnd = end(pieces[i - 1]!);
    if (pieces[i]!.pdt - previousEnd > CONTINUITY_MS) add(previousEnd, pieces[i]!.pdt);
  }
  add(end(pieces.at(-1)!), to);
  return gaps;
}

/** The pieces of an HLS media playlist (for a player that does not expose its own): EXTINF durations with their PROGRAM-DATE-TIME. */
export function parseMediaPlaylist(text: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  let pdt: number | null = null;
  let duration: number | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) {
      const ms = Date.parse(line.slice('#EXT-X-PROGRAM-DATE-TIME:'.length));
      pdt = Number.isNaN(ms) ? null : ms;
    } else if (line.startsWith('#EXTINF:')) {
      const seconds = Number.parseFloat(line.slice('#EXTINF:'.length));
      duration = Number.isFinite(seconds) ? seconds : null;
    } else if (line !== '' && !line.startsWith('#') && duration !== null) {
      // A segment without its own date follows the one before it.
      const last = pieces.at(-1);
      const date = pdt ?? (last ? end(last) : null);
      if (date !== null) pieces.push({ start, duration, pdt: date });
      start += duration;
      pdt = null;
      duration = null;
    }
  }
  return pieces;
}
