import { describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY, linesAt, parseTimeline, TimelineFold, type TimelineItem } from '../src/lib/replay';
import { applyMessage, initialState } from '../src/lib/store';
import { poll, q, S, seg, sessionObj, T0 } from './live-fixtures';

function item(seq: number, atSeconds: number, kind: string, data: object): TimelineItem {
  return { seq, at_ms: T0 + atSeconds * 1000, kind, data: data as Record<string, unknown> };
}

/** A session as a participant saw it: live, two questions, votes, a highlight, a poll, a rejected question, the end. */
function sessionItems(): TimelineItem[] {
  return [
    item(1, 0, 'session', sessionObj({ state: 'live' })),
    item(2, 2, 'question', q('a', { text: 'Первый' })),
    item(3, 3, 'question', q('b', { text: 'Второй' })),
    item(4, 5, 'votes', { counts: { b: 2 } }),
    item(5, 7, 'question', q('a', { text: 'Первый', highlighted: true })),
    item(6, 8, 'transcript', seg('t1', { text: 'Добрый день.', start_ms: T0 + 6_000, end_ms: T0 + 8_000 })),
    item(7, 9, 'poll', poll('P', { state: 'open' })),
    item(8, 10, 'votes', { counts: { a: 1, b: 3 } }),
    item(9, 12, 'question', q('b', { text: 'Второй', highlighted: true, votes: 3 })),
    // "a" was answered and then hidden (a stub: this client may no longer see it)
    item(10, 13, 'question', { id: 'a', session: S, state: 'archived' }),
    item(11, 14, 'poll', poll('P', { state: 'closed', voters: 2, options: [{ text: 'Да', votes: 2 }, { text: 'Нет', votes: 0 }] })),
    item(12, 15, 'session', sessionObj({ state: 'ended' })),
  ];
}

const timeline = (items: TimelineItem[], to: number | null = T0 + 16_000) => ({ session: S, from_ms: T0, to_ms: to, items });

/** The live page's state after receiving these items, one by one, as events over the WebSocket. */
function liveState(items: TimelineItem[]) {
  return items.reduce((state, i) => applyMessage(state, { type: 'event', session: S, ...i }), { ...initialState(S), ready: true });
}

describe('parsing timeline.json', () => {
  it('reads the range and the items in seq order, dropping items it cannot read', () => {
    const parsed = parseTimeline(
      {
        session: S,
        from_ms: T0,
        to_ms: null,
        items: [item(2, 1, 'votes', { counts: {} }), { seq: 'x' }, item(1, 0, 'question', q('a')), { seq: 3, at_ms: 5, kind: 'poll', data: null }],
      },
      S,
    );
    expect(parsed.from_ms).toBe(T0);
    expect(parsed.to_ms).toBeNull();
    expect(parsed.items.map((i) => i.seq)).toEqual([1, 2]);
  });

  it("refuses another session's timeline or an answer that is not one", () => {
    expect(() => parseTimeline({ session: 'other', items: [] }, S)).toThrow();
    expect(() => parseTimeline({ session: S }, S)).toThrow();
    expect(() => parseTimeline('nope', S)).toThrow();
  });
});

describe('the state at the playhead', () => {
  it('is the live reducer applied to every item due by then, forward and backward', () => {
    const items = sessionItems();
    const fold = new TimelineFold(timeline(items));
    for (let second = -1; second <= 16; second += 0.5) {
      const at = T0 + second * 1000;
      const due = items.filter((i) => i.at_ms <= at);
      const expected = liveState(due);
      const shown = fold.stateAt(at);
      expect(shown.questions).toEqual(expected.questions);
      expect(shown.polls).toEqual(expected.polls);
      expect(shown.seq).toBe(due.at(-1)?.seq ?? 0);
    }
    // Backward after forward gives the same answer.
    expect(fold.stateAt(T0 + 4_000).questions).toEqual(liveState(items.slice(0, 3)).questions);
  });

  it('shows exactly the questions and votes of each moment', () => {
    const fold = new TimelineFold(timeline(sessionItems()));
    const view = (s: number) =>
      Object.values(fold.stateAt(T0 + s * 1000).questions).map((x) => [x.id, x.votes, x.highlighted]);
    expect(view(1)).toEqual([]);
    expect(view(4)).toEqual([
      ['a', 0, false],
      ['b', 0, false],
    ]);
    expect(view(6)).toEqual([
      ['a', 0, false],
      ['b', 2, false],
    ]);
    expect(view(11)).toEqual([
      ['a', 1, true],
      ['b', 3, false],
    ]);
    // the stub removed "a"; "b" is on stage now
    expect(view(13.5)).toEqual([['b', 3, true]]);
    expect(fold.stateAt(T0 + 9_500).polls.P?.state).toBe('open');
    expect(fold.stateAt(T0 + 14_500).polls.P?.options[0]?.votes).toBe(2);
    expect(fold.stateAt(T0 + 15_500).session?.state).toBe('ended');
  });

  it('shows items in seq order: one committed later holds back the ones after it, as the live page does', () => {
    const items = [item(1, 5, 'question', q('a')), item(2, 3, 'question', q('b'))];
    const fold = new TimelineFold(timeline(items));
    expect(fold.countAt(T0 + 4_000)).toBe(0);
    expect(Object.keys(fold.stateAt(T0 + 5_000).questions)).toEqual(['a', 'b']);
  });

  it('keeps checkpoints, so a long session costs few steps to any moment, with the same result', () => {
    const items: TimelineItem[] = [item(1, 0, 'question', q('a'))];
    for (let i = 0; i < CHECKPOINT_EVERY * 5 + 7; i++) items.push(item(items.length + 1, 1 + i, 'votes', { counts: { a: i } }));
    const fold = new TimelineFold(timeline(items, null));
    for (const n of [0, 1, CHECKPOINT_EVERY, CHECKPOINT_EVERY + 1, CHECKPOINT_EVERY * 5, items.length, items.length + 10]) {
      expect(fold.stateAfter(n)).toEqual(liveState(items.slice(0, n)));
    }
    expect(fold.stateAt(T0 + 100_500).questions.a?.votes).toBe(99);
  });

  it('marks where a question went on stage and where a poll opened, once each', () => {
    const items = [...sessionItems(), item(13, 15.5, 'question', q('b', { text: 'Второй', highlighted: true, votes: 4 }))];
    const fold = new TimelineFold(timeline(items));
    expect(fold.marks).toEqual([
      { kind: 'highlight', at_ms: T0 + 7_000, text: 'Первый' },
      { kind: 'poll', at_ms: T0 + 9_000, text: 'Как вам?' },
      { kind: 'highlight', at_ms: T0 + 12_000, text: 'Второй' },
    ]);
  });

  it('keeps every final transcript line in its last form and shows those begun by the playhead', () => {
    const items = [
      item(1, 2, 'transcript', seg('t2', { text: 'вторая', start_ms: T0 + 1_500 })),
      item(2, 1, 'transcript', seg('t1', { text: 'первая', start_ms: T0 + 500 })),
      item(3, 3, 'transcript', seg('t2', { text: 'вторая, исправленная', start_ms: T0 + 1_500 })),
    ];
    const fold = new TimelineFold(timeline(items));
    expect(fold.lines.map((l) => l.text)).toEqual(['первая', 'вторая, исправленная']);
    expect(linesAt(fold.lines, T0 + 1_000).map((l) => l.id)).toEqual(['t1']);
    expect(linesAt(fold.lines, T0).map((l) => l.id)).toEqual([]);
  });

  it('is empty for a session with no events', () => {
    const fold = new TimelineFold(timeline([]));
    expect(fold.stateAt(T0 + 1_000).questions).toEqual({});
    expect(fold.marks).toEqual([]);
  });
});
