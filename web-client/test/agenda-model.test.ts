import { describe, expect, it } from 'vitest';
import { compareSessions, eventSpan, groupByHall, spansSeveralDays } from '../src/agenda/model';
import { demoEvent, session } from './fixtures';

describe('groupByHall', () => {
  it('keeps the halls in the order of the event', () => {
    const groups = groupByHall(demoEvent());
    expect(groups.map((g) => g.hall?.id)).toEqual(['main', 'prosv', 'pres']);
  });

  it('puts every session in its hall, ordered by start time', () => {
    const groups = groupByHall(demoEvent());
    expect(groups.map((g) => g.sessions.map((s) => s.id))).toEqual([['s1', 's3'], ['s5', 's2'], ['s4']]);
  });

  it('orders sessions that start together by end time, then title', () => {
    const a = session({ id: 'a', hall: 'h', title: 'Б', starts_at: '2026-01-15T07:00:00Z', ends_at: '2026-01-15T09:00:00Z' });
    const b = session({ id: 'b', hall: 'h', title: 'А', starts_at: '2026-01-15T07:00:00Z', ends_at: '2026-01-15T08:00:00Z' });
    const c = session({ id: 'c', hall: 'h', title: 'А', starts_at: '2026-01-15T07:00:00Z', ends_at: '2026-01-15T09:00:00Z' });
    const groups = groupByHall({ halls: [{ id: 'h', name: 'H', stream: null }], sessions: [a, b, c] });
    expect(groups[0]!.sessions.map((s) => s.id)).toEqual(['b', 'c', 'a']);
  });

  it('compares instants, not strings, across UTC offsets', () => {
    const early = session({ id: 'early', hall: 'h', starts_at: '2026-01-15T12:00:00+05:00' }); // 07:00Z
    const late = session({ id: 'late', hall: 'h', starts_at: '2026-01-15T08:00:00Z' });
    expect(compareSessions(early, late)).toBeLessThan(0);
  });

  it('lists a hall without sessions, with an empty list', () => {
    const event = demoEvent();
    event.halls.push({ id: 'empty', name: 'Малый зал', stream: null });
    const groups = groupByHall(event);
    expect(groups.at(-1)).toEqual({ hall: event.halls.at(-1), sessions: [] });
  });

  it('collects sessions of an unknown hall in a last group without a hall', () => {
    const event = demoEvent();
    event.sessions.push(session({ id: 'lost', hall: 'nowhere' }));
    const groups = groupByHall(event);
    expect(groups.at(-1)).toEqual({ hall: null, sessions: [event.sessions.at(-1)] });
  });

  it('does not list a duplicated hall twice', () => {
    const event = demoEvent();
    event.halls.push({ ...event.halls[0]!, name: 'Дубль' });
    expect(groupByHall(event).map((g) => g.hall?.id)).toEqual(['main', 'prosv', 'pres']);
  });

  it('does not reorder the event it was given', () => {
    const event = demoEvent();
    const before = event.sessions.map((s) => s.id);
    groupByHall(event);
    expect(event.sessions.map((s) => s.id)).toEqual(before);
  });
});

describe('eventSpan', () => {
  it('is the first start and the last end', () => {
    expect(eventSpan(demoEvent().sessions)).toEqual({ start: '2026-01-15T06:00:00Z', end: '2026-01-15T12:30:00Z' });
  });

  it('is null without sessions', () => {
    expect(eventSpan([])).toBeNull();
  });
});

describe('spansSeveralDays', () => {
  const evening = session({ id: 'e', hall: 'h', starts_at: '2026-01-15T20:00:00Z', ends_at: '2026-01-15T21:00:00Z' });
  const morning = session({ id: 'm', hall: 'h', starts_at: '2026-01-15T06:00:00Z', ends_at: '2026-01-15T07:00:00Z' });

  it('is false when every session starts the same local day', () => {
    expect(spansSeveralDays([morning, evening], 'Europe/Moscow')).toBe(false);
  });

  it("depends on the reader's zone: 20:00Z is already the next day in Vladivostok", () => {
    expect(spansSeveralDays([morning, evening], 'Asia/Vladivostok')).toBe(true);
  });
});
