// What the participant page keeps on the device so that a reload without a
// network (the service worker serves the page itself) still shows the forum:
// the last programme it loaded, and the last state of the one session it
// showed, for the participant who saw it. Both are read back through the
// same checks as the server's answers, so a damaged copy is dropped, never
// rendered. The live connection resumes from the kept state with `since`.
import { parseEvent } from '../api/parse';
import type { ForumEvent } from '../api/types';
import type { Snapshot } from './protocol';
import { localStore, readStored, writeStored, type StorageLike } from './storage';
import { applySnapshot, initialState, type SessionState } from './store';

export const EVENT_KEY = 'veche.last-event';
export const SESSION_KEY = 'veche.last-session';

export interface Kept<T> {
  value: T;
  /** when it was kept (ms since the epoch) */
  savedAt: number;
}

function write(key: string, value: unknown, storage: StorageLike | null): void {
  // Full or refused storage: the page works, only not offline.
  writeStored(key, JSON.stringify(value), storage);
}

function read(key: string, storage: StorageLike | null): { savedAt: number; [k: string]: unknown } | null {
  try {
    const value: unknown = JSON.parse(readStored(key, storage) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const savedAt = (value as { savedAt?: unknown }).savedAt;
    return typeof savedAt === 'number' ? (value as { savedAt: number }) : null;
  } catch {
    return null;
  }
}

export function keepEvent(event: ForumEvent, storage = localStore(), now = Date.now()): void {
  const { publicUrl, ...rest } = event;
  write(EVENT_KEY, { savedAt: now, event: { ...rest, ...(publicUrl ? { public_url: publicUrl } : {}) } }, storage);
}

export function keptEvent(storage = localStore()): Kept<ForumEvent> | null {
  const kept = read(EVENT_KEY, storage);
  if (!kept) return null;
  try {
    return { value: parseEvent(kept.event), savedAt: kept.savedAt };
  } catch {
    return null;
  }
}

/** Keeps a complete session state (after its snapshot) as a snapshot of its own. */
export function keepSession(state: SessionState, participantId: string, storage = localStore(), now = Date.now()): void {
  if (!state.ready || !state.session) return;
  const snapshot: Omit<Snapshot, 'type' | 'viewers' | 'my_ballots'> & { my_ballots: SessionState['myBallots'] } = {
    session: state.session,
    seq: state.seq,
    questions: Object.values(state.questions),
    my_votes: [...state.myVotes],
    my_ballots: state.myBallots,
    transcript: [...state.transcript],
    polls: Object.values(state.polls),
  };
  write(SESSION_KEY, { savedAt: now, participant: participantId, snapshot }, storage);
}

/** The kept state of `sessionId` as `participantId` saw it; null for another session or person. */
export function keptSession(sessionId: string, participantId: string, storage = localStore()): Kept<SessionState> | null {
  const kept = read(SESSION_KEY, storage);
  if (!kept || kept.participant !== participantId) return null;
  const snapshot = kept.snapshot as Snapshot | undefined;
  if (typeof snapshot !== 'object' || snapshot === null || typeof snapshot.seq !== 'number') return null;
  const session = snapshot.session as { id?: unknown } | undefined;
  if (session?.id !== sessionId) return null;
  const state = applySnapshot(initialState(sessionId), snapshot);
  return state.session ? { value: state, savedAt: kept.savedAt } : null;
}
