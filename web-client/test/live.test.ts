import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveSession } from '../src/lib/live';
import { ev, fakeFactory, FakeSocket, q, S, snapshot } from './live-fixtures';

const flush = () => new Promise<void>((r) => queueMicrotask(r));

describe('a live session', () => {
  let live: LiveSession;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    FakeSocket.all = [];
    live = new LiveSession({ sessionId: S, token: () => 'T', url: 'ws://x/ws', socketFactory: fakeFactory, random: () => 1 });
  });
  afterEach(() => {
    live.stop();
    vi.useRealTimers();
  });

  function connect() {
    live.start();
    const s = FakeSocket.latest();
    s.open();
    s.welcome();
    return s;
  }

  it('subscribes without since first, applies the snapshot and notifies once per batch', async () => {
    const seen: number[] = [];
    live.listen((v) => seen.push(v.state.seq));
    const s = connect();
    expect(s.sentOfType('subscribe')).toEqual([{ type: 'subscribe', session: S }]);
    s.receive({ type: 'batch', items: [snapshot({ seq: 10, questions: [q('a')] }), { type: 'subscribed', session: S, seq: 10, resumed: false }] });
    s.receive({ type: 'batch', items: [ev(11, 'question', q('b')), ev(12, 'question', q('c'))] });
    await flush();
    expect(live.value.state.ready).toBe(true);
    expect(Object.keys(live.value.state.questions).sort()).toEqual(['a', 'b', 'c']);
    expect(seen).toEqual([12]);
    expect(live.value.me?.role).toBe('participant');
  });

  it('resumes with since = the last seq received after a drop', () => {
    const s = connect();
    s.receive(snapshot({ seq: 10 }));
    s.receive(ev(11, 'question', q('b')));
    s.drop(1006);
    vi.advanceTimersByTime(500);
    const again = FakeSocket.latest();
    again.open();
    again.welcome();
    expect(again.sentOfType('subscribe')).toEqual([{ type: 'subscribe', session: S, since: 11 }]);
  });

  it('counts held events as received: resume does not ask for them again', () => {
    live.setVideoClock(() => 0);
    const s = connect();
    s.receive(snapshot({ seq: 10 }));
    s.receive(ev(11, 'question', q('b'), Date.now() + 5000));
    expect(live.held).toBe(1);
    expect(live.value.state.seq).toBe(10);
    s.drop(1006);
    vi.advanceTimersByTime(500);
    const again = FakeSocket.latest();
    again.open();
    again.welcome();
    expect(again.sentOfType('subscribe')[0]?.since).toBe(11);
  });

  it('holds events for a watching participant, releases them when the video catches up or stops', async () => {
    let videoTime: number | null = 1000;
    live.setVideoClock(() => videoTime);
    const s = connect();
    s.receive(snapshot({ seq: 10 }));
    s.receive(ev(11, 'question', q('hl', { highlighted: true }), 5000));
    await flush();
    expect(live.value.state.questions.hl).toBeUndefined();
    videoTime = 5000;
    live.videoClockChanged();
    await flush();
    expect(live.value.state.questions.hl?.highlighted).toBe(true);

    s.receive(ev(12, 'question', q('x'), 9000));
    expect(live.held).toBe(1);
    videoTime = null; // paused
    live.videoClockChanged();
    expect(live.held).toBe(0);
  });

  it('keeps a server error that answers no request', async () => {
    const s = connect();
    s.receive({ type: 'error', code: 'forbidden', message: 'not your session' });
    await flush();
    expect(live.value.error).toEqual({ code: 'forbidden', message: 'not your session' });
  });

  it('ignores traffic of another session', async () => {
    const s = connect();
    s.receive(snapshot({ seq: 10 }));
    s.receive({ ...ev(11, 'question', q('z')), session: 'other' });
    await flush();
    expect(live.value.state.questions.z).toBeUndefined();
  });

  it('a sender-only client does not subscribe', () => {
    live = new LiveSession({ sessionId: S, token: () => 'T', url: 'ws://x/ws', socketFactory: fakeFactory, subscribe: false });
    const s = connect();
    expect(s.sentOfType('subscribe')).toEqual([]);
  });
});
