import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventScheduler } from '../src/lib/scheduler';
import { ev, snapshot } from './live-fixtures';

describe('the event scheduler (in step with the video)', () => {
  let video: number | null;
  let now: number;
  let delivered: unknown[];
  let scheduler: EventScheduler;

  beforeEach(() => {
    vi.useFakeTimers();
    video = 10_000;
    now = 20_000;
    delivered = [];
    scheduler = new EventScheduler({ videoTime: () => video, deliver: (m) => delivered.push(m), now: () => now });
  });
  afterEach(() => {
    scheduler.dispose();
    vi.useRealTimers();
  });

  const seqs = () => delivered.map((m) => (m as { seq: number }).seq);

  it('delivers at once an event the video has already shown', () => {
    scheduler.push(ev(1, 'question', {}, 9_000));
    expect(seqs()).toEqual([1]);
  });

  it('holds an event until the video clock reaches its at_ms', () => {
    scheduler.push(ev(1, 'question', {}, 12_000));
    expect(delivered).toEqual([]);
    expect(scheduler.pending).toBe(1);
    video = 11_999;
    vi.advanceTimersByTime(250);
    expect(delivered).toEqual([]);
    video = 12_000;
    vi.advanceTimersByTime(250);
    expect(seqs()).toEqual([1]);
    expect(scheduler.pending).toBe(0);
  });

  it('keeps the order: a due event waits behind a held one', () => {
    scheduler.push(ev(1, 'poll', {}, 15_000));
    scheduler.push(ev(2, 'votes', {}, 9_000));
    expect(delivered).toEqual([]);
    video = 15_000;
    scheduler.release();
    expect(seqs()).toEqual([1, 2]);
  });

  it('delivers everything at once for someone not watching', () => {
    video = null;
    scheduler.push(ev(1, 'poll', {}, 99_000));
    expect(seqs()).toEqual([1]);
  });

  it('flushes held events when the viewer stops watching', () => {
    scheduler.push(ev(1, 'poll', {}, 15_000));
    scheduler.push(ev(2, 'poll', {}, 16_000));
    scheduler.flush();
    expect(seqs()).toEqual([1, 2]);
  });

  it('never holds longer than maxHoldMs (a wrong clock must not freeze the page)', () => {
    scheduler.push(ev(1, 'poll', {}, 10_000_000));
    now += 30_000;
    vi.advanceTimersByTime(250);
    expect(seqs()).toEqual([1]);
  });

  it('passes a snapshot at once and drops held events it already contains', () => {
    scheduler.push(ev(11, 'poll', {}, 15_000));
    scheduler.push(ev(12, 'poll', {}, 15_000));
    scheduler.push(snapshot({ seq: 11 }));
    expect(delivered).toHaveLength(1);
    expect((delivered[0] as { type: string }).type).toBe('snapshot');
    video = 15_000;
    scheduler.release();
    expect(seqs().slice(1)).toEqual([12]);
  });

  it('passes other messages through', () => {
    scheduler.push({ type: 'subscribed', session: 's1', seq: 3, resumed: true });
    expect(delivered).toHaveLength(1);
  });
});
