import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveSession } from '../src/lib/live';
import { EVENT_KEY, keepEvent, keepSession, keptEvent, keptSession, SESSION_KEY } from '../src/lib/offline';
import { applyMessage, initialState } from '../src/lib/store';
import { demoEvent } from './fixtures';
import { ev, fakeFactory, FakeSocket, poll, q, S, seg, snapshot } from './live-fixtures';

function readyState() {
  let state = applyMessage(
    initialState(S),
    snapshot({
      seq: 42,
      questions: [q('a', { votes: 3 }), q('b', { state: 'pending', author: { id: 'me', name: 'Анна' } })],
      my_votes: ['a'],
      my_ballots: { p1: [1] },
      transcript: [seg('t1', { final: true, text: 'Добрый день' })],
      polls: [poll('p1')],
      viewers: 12,
    }),
  );
  state = applyMessage(state, ev(42, 'reactions', { counts: { applause: 4 }, window_ms: 5000 }));
  return applyMessage(state, ev(42, 'stream', { hall: 'main', status: 'slate' }));
}

describe('what the page keeps for a reload without a network', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the programme and reads it back through the same checks as the server answer', () => {
    const event = { ...demoEvent(), publicUrl: 'https://forum.example.ru' };
    keepEvent(event, localStorage, 1_000);
    expect(keptEvent()).toEqual({ value: event, savedAt: 1_000 });
  });

  it('drops a damaged copy instead of rendering it', () => {
    localStorage.setItem(EVENT_KEY, '{"savedAt": 5, "event": {"title": 7}}');
    expect(keptEvent()).toBeNull();
    localStorage.setItem(EVENT_KEY, '{not json');
    expect(keptEvent()).toBeNull();
    localStorage.setItem(SESSION_KEY, JSON.stringify({ savedAt: 5, participant: 'me', snapshot: { seq: 'x' } }));
    expect(keptSession(S, 'me')).toBeNull();
  });

  it('keeps a complete session state for the participant who saw it, without the moment-to-moment parts', () => {
    const state = readyState();
    keepSession(state, 'me', localStorage, 2_000);
    const kept = keptSession(S, 'me')!;
    expect(kept.savedAt).toBe(2_000);
    expect(kept.value).toEqual({ ...state, reactions: null, reactionsTick: 0, viewers: null, stream: null });
    expect(kept.value.ready).toBe(true);
    expect(keptSession(S, 'someone-else')).toBeNull();
    expect(keptSession('another-session', 'me')).toBeNull();
  });

  it('keeps nothing before the snapshot has made the state complete', () => {
    keepSession(initialState(S), 'me');
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('survives a full or refused storage', () => {
    const full = { getItem: () => null, setItem: vi.fn(() => { throw new DOMException('full', 'QuotaExceededError'); }) };
    expect(() => keepEvent(demoEvent(), full)).not.toThrow();
    expect(() => keepSession(readyState(), 'me', full)).not.toThrow();
  });
});

describe('a live session started from a kept state', () => {
  afterEach(() => vi.useRealTimers());

  it('shows it at once and resumes from its seq with since', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    FakeSocket.all = [];
    const initial = readyState();
    const live = new LiveSession({ sessionId: S, token: () => 'T', url: 'ws://x/ws', socketFactory: fakeFactory, initial });
    expect(live.value.state).toBe(initial);
    live.start();
    const socket = FakeSocket.latest();
    socket.open();
    socket.welcome();
    expect(socket.sentOfType('subscribe')).toEqual([{ type: 'subscribe', session: S, since: 42 }]);
    live.stop();
  });
});
