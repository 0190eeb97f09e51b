import type { ForumSession } from '../src/api/types';
import type { SocketLike } from '../src/lib/connection';
import type { Piece } from '../src/lib/playhead';
import type { LiveEvent, Poll, Question, Segment, Snapshot } from '../src/lib/protocol';
import { session as makeSession } from './fixtures';

export const S = 's1';

/** A replay's start (wall clock, ms). */
export const T0 = Date.UTC(2026, 0, 15, 7, 0, 0);

/** A recording: two 2 s segments, 10 s on the slate (not recorded), two more; the video's 8 s span 18 s of the hall's clock. */
export const RECORDING: Piece[] = [
  { start: 0, duration: 2, pdt: T0 },
  { start: 2, duration: 2, pdt: T0 + 2_000 },
  { start: 4, duration: 2, pdt: T0 + 14_000 },
  { start: 6, duration: 2, pdt: T0 + 16_000 },
];

export function q(id: string, overrides: Partial<Question> = {}): Question {
  return {
    id,
    session: S,
    text: `Question ${id}`,
    author: { id: 'p1', name: 'Анна' },
    state: 'approved',
    highlighted: false,
    votes: 0,
    created_at: '2026-01-15T10:00:00Z',
    edited: false,
    ...overrides,
  };
}

export function seg(id: string, overrides: Partial<Segment> = {}): Segment {
  return { id, session: S, text: `line ${id}`, final: true, start_ms: 1000, end_ms: 2000, speaker: null, lang: 'ru', ...overrides };
}

export function poll(id: string, overrides: Partial<Poll> = {}): Poll {
  return {
    id,
    session: S,
    question: 'Как вам?',
    options: [
      { text: 'Да', votes: 0 },
      { text: 'Нет', votes: 0 },
    ],
    multi: false,
    state: 'open',
    voters: 0,
    ...overrides,
  };
}

export function sessionObj(overrides: Partial<ForumSession> = {}): ForumSession {
  return makeSession({ id: S, hall: 'main', state: 'live', qa_open: true, ...overrides });
}

export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    type: 'snapshot',
    session: sessionObj(),
    seq: 10,
    questions: [],
    my_votes: [],
    transcript: [],
    polls: [],
    viewers: 3,
    ...overrides,
  };
}

export function ev(seq: number, kind: string, data: object, at_ms = 0): LiveEvent {
  return { type: 'event', session: S, seq, at_ms, kind, data: data as Record<string, unknown> };
}

/** A WebSocket double: records what the client sends; the test plays the server. */
export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  static latest(): FakeSocket {
    const s = FakeSocket.all.at(-1);
    if (!s) throw new Error('no socket was opened');
    return s;
  }

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
    this.readyState = 3;
  }
  /** server side */
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  welcome(role = 'participant', id = 'p1') {
    this.receive({ type: 'welcome', you: { id, name: 'Анна', role }, server_time: '2026-01-15T10:00:00Z' });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  sentOfType(type: string) {
    return this.sent.filter((m) => (m as { type: string }).type === type) as Record<string, unknown>[];
  }
}

export const fakeFactory = (url: string) => new FakeSocket(url);
