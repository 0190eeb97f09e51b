// Orders and groupings of questions, as each page shows them.
import type { Question } from './protocol';

function createdMs(q: Question): number {
  const ms = Date.parse(q.created_at);
  return Number.isNaN(ms) ? 0 : ms;
}

/** Oldest first; equal times by id, so the order never flickers. */
function byCreated(a: Question, b: Question): number {
  return createdMs(a) - createdMs(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function byVotesThenCreated(a: Question, b: Question): number {
  return b.votes - a.votes || byCreated(a, b);
}

function rank(q: Question): number {
  if (q.highlighted) return 0;
  if (q.state === 'approved') return 1;
  if (q.state === 'answered') return 3;
  return 2;
}

/**
 * The speaker-queue order of the contract (section 4): the highlighted
 * question first, then `approved` ones by votes (descending), then by
 * `created_at` (ascending); `answered` ones last.
 */
export function compareSpeakerQueue(a: Question, b: Question): number {
  return rank(a) - rank(b) || byVotesThenCreated(a, b);
}

/** What the stage sees: approved and answered questions in speaker-queue order. */
export function speakerQueue(questions: Iterable<Question>): Question[] {
  return [...questions].filter((q) => q.state === 'approved' || q.state === 'answered').sort(compareSpeakerQueue);
}

export type ParticipantOrder = 'popular' | 'recent';

export interface ParticipantView {
  /** approved and answered questions, in the chosen order */
  list: Question[];
  /** the participant's own questions that the hall does not see (pending, rejected, archived) */
  mine: Question[];
}

export function participantView(questions: Iterable<Question>, order: ParticipantOrder, meId: string | null): ParticipantView {
  const all = [...questions];
  const visible = all.filter((q) => q.state === 'approved' || q.state === 'answered');
  const list =
    order === 'popular'
      ? visible.sort(compareSpeakerQueue)
      : visible.sort((a, b) => (a.state === 'answered' ? 1 : 0) - (b.state === 'answered' ? 1 : 0) || byCreated(b, a));
  const mine = all
    .filter((q) => q.state !== 'approved' && q.state !== 'answered' && meId !== null && q.author?.id === meId)
    .sort(byCreated);
  return { list, mine };
}

export interface ModeratorBuckets {
  /** pending, oldest first: triage in arrival order */
  incoming: Question[];
  /** approved, in speaker-queue order */
  approved: Question[];
  answered: Question[];
  /** archived and rejected, newest first: the last removed is the likeliest to restore */
  archived: Question[];
}

export function moderatorBuckets(questions: Iterable<Question>): ModeratorBuckets {
  const buckets: ModeratorBuckets = { incoming: [], approved: [], answered: [], archived: [] };
  for (const q of questions) {
    if (q.state === 'pending') buckets.incoming.push(q);
    else if (q.state === 'approved') buckets.approved.push(q);
    else if (q.state === 'answered') buckets.answered.push(q);
    else buckets.archived.push(q);
  }
  buckets.incoming.sort(byCreated);
  buckets.approved.sort(compareSpeakerQueue);
  buckets.answered.sort(byVotesThenCreated);
  buckets.archived.sort((a, b) => byCreated(b, a));
  return buckets;
}

export function highlighted(questions: Iterable<Question>): Question | null {
  for (const q of questions) if (q.highlighted && q.state !== 'rejected' && q.state !== 'archived') return q;
  return null;
}
