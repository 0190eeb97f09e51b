// The state of one forum session as one client sees it, and the pure reducer
// that builds it from what the server sends (snapshot, events, batches) and
// from the client's own acknowledged actions. No I/O here: the connection
// feeds it, the pages read it.
import type { ForumSession } from '../api/types';
import { parseSession } from '../api/parse';
import {
  isObject,
  isPoll,
  isQuestion,
  isSegment,
  type LiveEvent,
  type Poll,
  type Question,
  type Reactions,
  type Segment,
  type Snapshot,
} from './protocol';

/** Final transcript lines kept in memory; the snapshot holds at least the last 200. */
export const TRANSCRIPT_KEEP = 300;

export interface SessionState {
  sessionId: string;
  /** a snapshot has been applied: the state is complete */
  ready: boolean;
  /** the seq of the last change applied */
  seq: number;
  session: ForumSession | null;
  questions: Readonly<Record<string, Question>>;
  /** ids of the questions this participant voted for */
  myVotes: ReadonlySet<string>;
  /** this participant's poll answers by poll id (the snapshot's `my_ballots`, a server extension, then own votes) */
  myBallots: Readonly<Record<string, readonly number[]>>;
  /** finals in order, then partial lines */
  transcript: readonly Segment[];
  polls: Readonly<Record<string, Poll>>;
  reactions: Reactions | null;
  /** bumped with each reactions event, so the page can animate it */
  reactionsTick: number;
  viewers: number | null;
  /** the hall's stream status, once a `stream` event told it (until then the agenda's) */
  stream: string | null;
}

export function initialState(sessionId: string): SessionState {
  return {
    sessionId,
    ready: false,
    seq: 0,
    session: null,
    questions: {},
    myVotes: new Set(),
    myBallots: {},
    transcript: [],
    polls: {},
    reactions: null,
    reactionsTick: 0,
    viewers: null,
    stream: null,
  };
}

/** What the client itself did and the server acknowledged. */
export type LocalAction =
  | { type: 'local/vote'; question: string; on: boolean; votes?: number }
  | { type: 'local/question'; question: Question }
  | { type: 'local/ballot'; poll: string; choices: number[] };

function byId<T extends { id: string }>(items: readonly unknown[], valid: (v: unknown) => v is T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) if (valid(item)) out[item.id] = item;
  return out;
}

/** Finals by start time (stable for equal times), the partial lines after them; at most `keep` finals (a replay keeps all). */
export function orderTranscript(segments: readonly Segment[], keep = TRANSCRIPT_KEEP): Segment[] {
  const finals = segments.filter((s) => s.final);
  const partials = segments.filter((s) => !s.final);
  finals.sort((a, b) => (a.start_ms ?? 0) - (b.start_ms ?? 0));
  return [...finals.slice(-keep), ...partials];
}

function upsertSegment(list: readonly Segment[], segment: Segment): Segment[] {
  const index = list.findIndex((s) => s.id === segment.id);
  if (index === -1) return orderTranscript([...list, segment]);
  const next = list.slice();
  next[index] = segment;
  return next[index]!.final !== list[index]!.final ? orderTranscript(next) : next;
}

export function applySnapshot(state: SessionState, snap: Snapshot): SessionState {
  return {
    ...state,
    ready: true,
    seq: snap.seq,
    session: parseSession(snap.session) ?? state.session,
    questions: byId(Array.isArray(snap.questions) ? snap.questions : [], isQuestion),
    myVotes: new Set(Array.isArray(snap.my_votes) ? snap.my_votes.filter((v) => typeof v === 'string') : []),
    myBallots: isObject(snap.my_ballots) ? (snap.my_ballots as SessionState['myBallots']) : {},
    transcript: orderTranscript(Array.isArray(snap.transcript) ? snap.transcript.filter(isSegment) : []),
    polls: byId(Array.isArray(snap.polls) ? snap.polls : [], isPoll),
    viewers: typeof snap.viewers === 'number' ? snap.viewers : state.viewers,
    // The agenda's status may be older than the snapshot: a hall that went live in between sends no `stream` event.
    stream: isObject(snap.stream) && typeof snap.stream.status === 'string' ? snap.stream.status : state.stream,
  };
}

/** A merged question's voters now support the question it went into: the server moved their votes. */
function followMerge(state: SessionState, data: Record<string, unknown>): SessionState {
  const id = data.id as string;
  if (data.state !== 'merged' || typeof data.merged_into !== 'string' || !state.myVotes.has(id)) return state;
  const myVotes = new Set(state.myVotes);
  myVotes.delete(id);
  myVotes.add(data.merged_into);
  return { ...state, myVotes };
}

function applyQuestion(prior: SessionState, data: Record<string, unknown>): SessionState {
  if (typeof data.id !== 'string') return prior;
  const state = followMerge(prior, data);
  if (!isQuestion(data)) {
    // A visibility stub {id, session, state}: this client may no longer see it.
    if (!(data.id in state.questions)) return state;
    const questions = { ...state.questions };
    delete questions[data.id];
    return { ...state, questions };
  }
  let questions: Record<string, Question> = { ...state.questions, [data.id]: data };
  // Only one question is highlighted: a server that sends just the newly
  // highlighted one must not leave two on top.
  if (data.highlighted) {
    for (const [id, q] of Object.entries(questions)) {
      if (id !== data.id && q.highlighted) questions = { ...questions, [id]: { ...q, highlighted: false } };
    }
  }
  return { ...state, questions };
}

function applyVotes(state: SessionState, data: Record<string, unknown>): SessionState {
  if (!isObject(data.counts)) return state;
  let questions: Record<string, Question> | null = null;
  for (const [id, count] of Object.entries(data.counts)) {
    const q = state.questions[id];
    if (!q || typeof count !== 'number' || q.votes === count) continue;
    questions ??= { ...state.questions };
    questions[id] = { ...q, votes: count };
  }
  return questions ? { ...state, questions } : state;
}

/**
 * Changes that are not stored (viewer counts, reaction windows, stream status,
 * a transcript line still being typed) carry the seq of the latest stored
 * change instead of a new one, and are never replayed.
 */
function isTransient(kind: string, data: Record<string, unknown>): boolean {
  return kind === 'viewers' || kind === 'reactions' || kind === 'stream' || (kind === 'transcript' && data.final === false);
}

/** Applies one live event. Old or foreign events (a replay overlap, another session) change nothing. */
export function applyEvent(state: SessionState, event: LiveEvent): SessionState {
  if (event.session !== state.sessionId) return state;
  const data = isObject(event.data) ? event.data : {};
  if (isTransient(event.kind, data)) return applyKind(state, event.kind, data);
  if (event.seq <= state.seq) return state;
  return { ...applyKind(state, event.kind, data), seq: event.seq };
}

function applyKind(state: SessionState, kind: string, data: Record<string, unknown>): SessionState {
  switch (kind) {
    case 'question':
      return applyQuestion(state, data);
    case 'votes':
      return applyVotes(state, data);
    case 'transcript':
      return isSegment(data) ? { ...state, transcript: upsertSegment(state.transcript, data) } : state;
    case 'poll':
      return isPoll(data) ? { ...state, polls: { ...state.polls, [data.id]: data } } : state;
    case 'reactions':
      return isObject(data.counts)
        ? {
            ...state,
            reactions: { counts: data.counts as Reactions['counts'], window_ms: Number(data.window_ms) || 0 },
            reactionsTick: state.reactionsTick + 1,
          }
        : state;
    case 'session': {
      const session = parseSession(data);
      return session ? { ...state, session } : state;
    }
    case 'stream':
      return typeof data.status === 'string' && (!state.session || data.hall === state.session.hall || data.hall === undefined)
        ? { ...state, stream: data.status }
        : state;
    case 'viewers':
      return typeof data.count === 'number' ? { ...state, viewers: data.count } : state;
    default:
      return state; // a kind this client does not know yet
  }
}

export function applyLocal(state: SessionState, action: LocalAction): SessionState {
  switch (action.type) {
    case 'local/vote': {
      const myVotes = new Set(state.myVotes);
      if (action.on) myVotes.add(action.question);
      else myVotes.delete(action.question);
      const q = state.questions[action.question];
      const questions =
        q && typeof action.votes === 'number' ? { ...state.questions, [q.id]: { ...q, votes: action.votes } } : state.questions;
      return { ...state, myVotes, questions };
    }
    case 'local/question':
      // The server's own event wins: only fill in a question not yet known.
      if (action.question.id in state.questions) return state;
      return { ...state, questions: { ...state.questions, [action.question.id]: action.question } };
    case 'local/ballot':
      return { ...state, myBallots: { ...state.myBallots, [action.poll]: action.choices } };
  }
}

/** The snapshot, or one event; anything else (welcome, subscribed, acks) leaves the state as it is. */
export function applyMessage(state: SessionState, message: unknown): SessionState {
  if (!isObject(message)) return state;
  if (message.type === 'snapshot' && isObject(message.session) && message.session.id === state.sessionId) {
    return applySnapshot(state, message as unknown as Snapshot);
  }
  if (message.type === 'event' && typeof message.seq === 'number') {
    return applyEvent(state, message as unknown as LiveEvent);
  }
  if (message.type === 'batch' && Array.isArray(message.items)) {
    return message.items.reduce<SessionState>(applyMessage, state);
  }
  return state;
}
