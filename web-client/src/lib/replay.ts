// A session's replay: its stored events (`GET /api/v1/sessions/{id}/timeline.json`,
// contract 7.5) folded through the live page's own reducer (store.ts) up to
// the moment on screen, so the questions, votes and polls are those a
// participant saw at that moment, forward and backward. No I/O here.
import { isObject, isPoll, isQuestion, isSegment, type Segment } from './protocol';
import { applyEvent, initialState, orderTranscript, type SessionState } from './store';

export interface TimelineItem {
  seq: number;
  /** the server's wall clock when the change was committed (ms since the epoch) */
  at_ms: number;
  kind: string;
  data: Record<string, unknown>;
}

export interface Timeline {
  session: string;
  /** the replay's range: when the session went live and ended (null while it runs) */
  from_ms: number | null;
  to_ms: number | null;
  /** in seq order */
  items: TimelineItem[];
}

const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const msOrNull = (v: unknown): number | null => (isMs(v) ? v : null);

/** Reads a timeline.json answer; throws on an answer that is not one, drops an item it cannot read. */
export function parseTimeline(body: unknown, sessionId: string): Timeline {
  if (!isObject(body) || body.session !== sessionId || !Array.isArray(body.items)) {
    throw new Error(`not the timeline of session ${sessionId}`);
  }
  const items: TimelineItem[] = [];
  for (const item of body.items) {
    if (!isObject(item) || !isMs(item.seq) || !isMs(item.at_ms) || typeof item.kind !== 'string' || !isObject(item.data)) continue;
    items.push({ seq: item.seq, at_ms: item.at_ms, kind: item.kind, data: item.data });
  }
  items.sort((a, b) => a.seq - b.seq);
  return { session: sessionId, from_ms: msOrNull(body.from_ms), to_ms: msOrNull(body.to_ms), items };
}

/** A moment worth a mark on the scrubber. */
export interface ReplayMark {
  kind: 'highlight' | 'poll';
  /** the first moment at which the replay shows it */
  at_ms: number;
  /** the question's or the poll's text */
  text: string;
}

/** States are kept every this many items, so any moment is at most this many steps of the reducer away. */
export const CHECKPOINT_EVERY = 64;

export class TimelineFold {
  /** when each item shows: its own time, or a later one of an item before it (the live page shows them in seq order too) */
  private readonly due: number[] = [];
  private readonly events: { type: 'event'; session: string; seq: number; at_ms: number; kind: string; data: Record<string, unknown> }[];
  /** checkpoints[k]: the state after the first k * CHECKPOINT_EVERY items */
  private readonly checkpoints: SessionState[] = [];
  readonly marks: ReplayMark[] = [];
  /** every final transcript line in its last form, by start time */
  readonly lines: readonly Segment[];

  constructor(timeline: Timeline) {
    this.events = timeline.items.map((item) => ({ type: 'event', session: timeline.session, ...item }));
    const finals = new Map<string, Segment>();
    let state: SessionState = { ...initialState(timeline.session), ready: true };
    let due = -Infinity;
    this.events.forEach((event, i) => {
      if (i % CHECKPOINT_EVERY === 0) this.checkpoints.push(state);
      due = Math.max(due, event.at_ms);
      this.due.push(due);
      const before = state;
      state = applyEvent(state, event);
      this.mark(before, state, event.kind, event.data, due);
      if (event.kind === 'transcript' && isSegment(event.data) && event.data.final) finals.set(event.data.id, event.data);
    });
    if (this.events.length % CHECKPOINT_EVERY === 0) this.checkpoints.push(state);
    this.lines = orderTranscript([...finals.values()], Infinity);
  }

  /** How many items the replay shows at `ms` (wall clock). */
  countAt(ms: number): number {
    let lo = 0;
    let hi = this.due.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.due[mid]! <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The state after the first `count` items. */
  stateAfter(count: number): SessionState {
    const n = Math.max(0, Math.min(count, this.events.length));
    const k = Math.floor(n / CHECKPOINT_EVERY);
    let state = this.checkpoints[k]!;
    for (let i = k * CHECKPOINT_EVERY; i < n; i++) state = applyEvent(state, this.events[i]!);
    return state;
  }

  /** The state the replay shows at `ms`. */
  stateAt(ms: number): SessionState {
    return this.stateAfter(this.countAt(ms));
  }

  /** A question just put on stage, or a poll just opened. */
  private mark(before: SessionState, after: SessionState, kind: string, data: Record<string, unknown>, at: number): void {
    const id = typeof data.id === 'string' ? data.id : '';
    if (kind === 'question') {
      const q = after.questions[id];
      if (isQuestion(q) && q.highlighted && !before.questions[id]?.highlighted) this.marks.push({ kind: 'highlight', at_ms: at, text: q.text });
    } else if (kind === 'poll') {
      const p = after.polls[id];
      if (isPoll(p) && p.state === 'open' && before.polls[id]?.state !== 'open') this.marks.push({ kind: 'poll', at_ms: at, text: p.question });
    }
  }
}

/** The transcript a replay shows at `ms`: the lines begun by then (a recording lets a line be heard as it was spoken). */
export function linesAt(lines: readonly Segment[], ms: number): Segment[] {
  return lines.filter((line) => (line.start_ms ?? 0) <= ms);
}
