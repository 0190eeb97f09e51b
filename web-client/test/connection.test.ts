import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, Connection, RequestError, type ConnectionStatus } from '../src/lib/connection';
import { fakeFactory, FakeSocket } from './live-fixtures';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter', () => {
    expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffDelay(30, 500, 30_000, () => 1)).toBe(30_000);
    const spread = new Set(Array.from({ length: 20 }, (_, i) => backoffDelay(4, 500, 30_000, () => i / 20)));
    expect(spread.size).toBe(20);
  });
});

describe('the connection', () => {
  let statuses: ConnectionStatus[];
  let messages: unknown[];
  let welcomes: number;
  let token: string | null;
  let conn: Connection;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    statuses = [];
    messages = [];
    welcomes = 0;
    token = 'T1';
    conn = new Connection({
      url: 'ws://x/ws',
      token: () => token,
      socketFactory: fakeFactory,
      onMessage: (m) => messages.push(m),
      onStatus: (s) => statuses.push(s),
      onWelcome: () => welcomes++,
      random: () => 1,
      requestTimeoutMs: 5000,
    });
  });
  afterEach(() => {
    conn.stop();
    vi.useRealTimers();
  });

  function connect() {
    conn.start();
    const s = FakeSocket.latest();
    s.open();
    s.welcome();
    return s;
  }

  it('says hello with the token and goes online on welcome', () => {
    conn.start();
    const s = FakeSocket.latest();
    expect(s.url).toBe('ws://x/ws');
    s.open();
    expect(s.sent).toEqual([{ type: 'hello', token: 'T1' }]);
    expect(conn.status).toBe('connecting');
    s.welcome();
    expect(conn.status).toBe('online');
    expect(welcomes).toBe(1);
  });

  it('matches acks and errors to requests by rid', async () => {
    const s = connect();
    const asked = conn.request({ type: 'ask', session: 's1', text: 'Вопрос', anonymous: false });
    const voted = conn.request({ type: 'vote', question: 'q1', on: true });
    const [ask, vote] = s.sentOfType('ask').concat(s.sentOfType('vote'));
    expect(ask!.rid).not.toEqual(vote!.rid);
    s.receive({ type: 'error', rid: vote!.rid, code: 'forbidden', message: 'no' });
    s.receive({ type: 'ack', rid: ask!.rid, id: 'q9' });
    await expect(asked).resolves.toMatchObject({ id: 'q9' });
    await expect(voted).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('unpacks batches and passes other messages on', () => {
    const s = connect();
    s.receive({ type: 'batch', items: [{ type: 'event', seq: 1 }, { type: 'event', seq: 2 }] });
    expect(messages).toEqual([
      { type: 'event', seq: 1 },
      { type: 'event', seq: 2 },
    ]);
  });

  it('times out a request that gets no answer', async () => {
    connect();
    const p = conn.request({ type: 'vote', question: 'q1', on: true });
    vi.advanceTimersByTime(5000);
    await expect(p).rejects.toBeInstanceOf(RequestError);
    await expect(p).rejects.toMatchObject({ code: 'timeout' });
  });

  it('reconnects with backoff after a drop and sends pending requests again with the same rid', async () => {
    const first = connect();
    const p = conn.request({ type: 'vote', question: 'q1', on: true });
    const rid = first.sentOfType('vote')[0]!.rid;
    first.drop(1006);
    expect(conn.status).toBe('offline');
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const second = FakeSocket.latest();
    expect(second).not.toBe(first);
    second.open();
    second.welcome();
    expect(welcomes).toBe(2);
    expect(second.sentOfType('vote')).toEqual([{ type: 'vote', question: 'q1', on: true, rid }]);
    second.receive({ type: 'ack', rid, votes: 1 });
    await expect(p).resolves.toMatchObject({ votes: 1 });
  });

  it('waits longer after each failed attempt, and starts over once welcomed', () => {
    conn.start();
    FakeSocket.latest().drop(1006); // attempt 0: 500 ms
    vi.advanceTimersByTime(500);
    FakeSocket.latest().drop(1006); // attempt 1: 1000 ms
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.latest().open();
    FakeSocket.latest().welcome();
    FakeSocket.latest().drop(1001);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(4);
  });

  it('after close 4408 (too slow) resumes at once', () => {
    conn.start();
    FakeSocket.latest().drop(1006);
    vi.advanceTimersByTime(500);
    FakeSocket.latest().drop(1006);
    vi.advanceTimersByTime(1000);
    const s = FakeSocket.latest();
    s.open();
    s.welcome();
    s.drop(4408);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(4);
  });

  it('stops on close 4401 until started again with a new token', () => {
    const s = connect();
    s.drop(4401);
    expect(conn.status).toBe('unauthorized');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    token = 'T2';
    conn.start();
    FakeSocket.latest().open();
    expect(FakeSocket.latest().sent[0]).toEqual({ type: 'hello', token: 'T2' });
  });

  it('is unauthorized at once without a token', () => {
    token = null;
    conn.start();
    expect(conn.status).toBe('unauthorized');
    expect(FakeSocket.all).toHaveLength(0);
  });

  it('drops a socket the server never welcomes and retries', () => {
    conn.start();
    const s = FakeSocket.latest();
    s.open();
    vi.advanceTimersByTime(10_000);
    expect(s.closedWith).not.toBeNull();
    expect(conn.status).toBe('offline');
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('retries at once when told the network is back', () => {
    conn.start();
    FakeSocket.latest().drop(1006);
    conn.retryNow();
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('send() is fire-and-forget and refuses while offline', () => {
    conn.start();
    expect(conn.send({ type: 'react', session: 's1', kind: 'heart' })).toBe(false);
    const s = FakeSocket.latest();
    s.open();
    s.welcome();
    expect(conn.send({ type: 'react', session: 's1', kind: 'heart' })).toBe(true);
    expect(s.sentOfType('react')).toHaveLength(1);
  });

  it('rejects pending requests when stopped', async () => {
    connect();
    const p = conn.request({ type: 'vote', question: 'q1', on: true });
    conn.stop();
    await expect(p).rejects.toMatchObject({ code: 'stopped' });
    expect(statuses.at(-1)).toBe('stopped');
  });
});
