// The WebSocket side of the wire contract (PROTOCOL.md, sections 2–4) as the
// client reads it. Enumerations stay open (`| (string & {})`): the contract may
// be extended, and an older client must keep working.
import type { ForumSession } from '../api/types';

export type Role = 'participant' | 'speaker' | 'moderator' | 'captioner' | 'admin';
export type QuestionState = 'pending' | 'approved' | 'answered' | 'rejected' | 'archived' | 'merged';

export interface Author {
  id: string;
  name: string;
  /** where the author comes from: sent to speakers, moderators and admins only (contract 7.1) */
  org?: string | null;
  region?: string | null;
  /** vouched for by the token's signer, not self-declared */
  verified?: boolean;
}

export interface Question {
  id: string;
  session: string;
  text: string;
  /** null for an anonymous question, except to moderators and to its author */
  author: Author | null;
  state: QuestionState | (string & {});
  highlighted: boolean;
  votes: number;
  /** RFC 3339 */
  created_at: string;
  edited: boolean;
  /** an extension some servers send to moderators and authors */
  anonymous?: boolean;
  /** state `merged`: the question it was folded into (contract 7.2) */
  merged_into?: string;
  /** the questions folded into this one */
  merged?: string[];
  /** moderators, on an incoming question: its most similar question of the queue */
  similar_to?: { id: string; score: number };
  /** a written answer (contract 7.3) */
  reply?: QuestionReply;
}

export interface QuestionReply {
  text: string;
  /** the replier's display name */
  by: string | null;
  at_ms: number;
}

/** One answer of a `similar` request (contract 7.2). */
export interface SimilarQuestion {
  id: string;
  text: string;
  votes: number;
  score: number;
}

/** What a client gets when a question stops being visible to it (section 4). */
export interface QuestionStub {
  id: string;
  session: string;
  state: string;
  /** a merged question: where it went (a vote for it went there too) */
  merged_into?: string;
}

export interface Segment {
  id: string;
  session: string;
  text: string;
  final: boolean;
  /** wall clock, ms since the Unix epoch */
  start_ms: number;
  end_ms: number;
  speaker: string | null;
  lang: string | null;
}

export interface PollOption {
  text: string;
  /** null while the results are not for this client yet */
  votes: number | null;
}

export interface Poll {
  id: string;
  session: string;
  question: string;
  options: PollOption[];
  multi: boolean;
  state: 'draft' | 'open' | 'closed' | (string & {});
  voters: number;
  /** results for everyone while open (created so, or revealed by a moderator); a server extension */
  live_results?: boolean;
  /** whether this client gets the results now (a server extension; else: every option has a count) */
  results_visible?: boolean;
  /** a formal vote: verified delegates only, one ballot each that cannot be changed (a server extension) */
  formal?: boolean;
}

export const REACTION_KINDS = ['applause', 'heart', 'like', 'laugh', 'wow'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export interface Reactions {
  counts: Partial<Record<string, number>>;
  window_ms: number;
}

export interface Welcome {
  type: 'welcome';
  you: { id: string; name: string; role: Role | (string & {}) };
  server_time: string;
}

export interface Snapshot {
  type: 'snapshot';
  session: ForumSession;
  seq: number;
  questions: Question[];
  my_votes: string[];
  /** poll id → this participant's choices: an extension of the contract's snapshot */
  my_ballots?: Record<string, number[]>;
  transcript: Segment[];
  polls: Poll[];
  viewers: number;
  /** the hall's stream status when the snapshot was taken: an extension of the contract's snapshot */
  stream?: { hall: string; status: string };
}

export interface Subscribed {
  type: 'subscribed';
  session: string;
  seq: number;
  resumed: boolean;
}

export type EventKind = 'question' | 'votes' | 'transcript' | 'poll' | 'reactions' | 'session' | 'stream' | 'viewers';

export interface LiveEvent {
  type: 'event';
  session: string;
  seq: number;
  /** the server's wall clock when the change was committed */
  at_ms: number;
  kind: EventKind | (string & {});
  data: Record<string, unknown>;
}

export interface Ack {
  type: 'ack';
  rid: string;
  [field: string]: unknown;
}

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'closed'
  | 'too_long'
  | 'rate_limited'
  | 'conflict'
  | 'internal';

export interface ServerError {
  type: 'error';
  rid?: string;
  code: ErrorCode | (string & {});
  message: string;
}

export type ModerateAction =
  | 'approve'
  | 'reject'
  | 'highlight'
  | 'unhighlight'
  | 'answer'
  | 'archive'
  | 'restore'
  | 'edit'
  | 'merge'
  | 'reply';
export type SessionAction = 'qa_open' | 'qa_close' | 'moderation_pre' | 'moderation_post' | 'live' | 'end';

/** Requests (section 3); `rid` is added by the connection. */
export type Request =
  | { type: 'ask'; session: string; text: string; anonymous: boolean }
  | { type: 'vote'; question: string; on: boolean }
  | { type: 'moderate'; question: string; action: ModerateAction; text?: string; into?: string }
  | { type: 'similar'; session: string; text: string }
  | { type: 'session_control'; session: string; action: SessionAction }
  | {
      type: 'transcript';
      session: string;
      id: string;
      text: string;
      final: boolean;
      start_ms?: number;
      end_ms?: number;
      speaker?: string;
      lang?: string;
    }
  | { type: 'poll_create'; session: string; question: string; options: string[]; multi: boolean; live_results: boolean; formal: boolean }
  | { type: 'poll_control'; poll: string; action: 'open' | 'close' | 'reveal' }
  | { type: 'poll_vote'; poll: string; choices: number[] }
  | { type: 'react'; session: string; kind: ReactionKind };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A full question (not a visibility stub) with the fields the pages render. */
export function isQuestion(value: unknown): value is Question {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.text === 'string' &&
    typeof value.state === 'string' &&
    typeof value.votes === 'number'
  );
}

export function isSimilarQuestion(value: unknown): value is SimilarQuestion {
  return isObject(value) && typeof value.id === 'string' && typeof value.text === 'string' && typeof value.votes === 'number';
}

export function isSegment(value: unknown): value is Segment {
  return isObject(value) && typeof value.id === 'string' && typeof value.text === 'string';
}

export function isPoll(value: unknown): value is Poll {
  return isObject(value) && typeof value.id === 'string' && Array.isArray(value.options);
}
