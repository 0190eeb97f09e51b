import type { ForumEvent, ForumSession, Hall } from '../api/types';
import { localDayKey } from '../lib/time';

/** One hall and its sessions in the order a reader scans them. */
export interface HallAgenda {
  /** null for the group of sessions whose hall the event does not list */
  hall: Hall | null;
  sessions: ForumSession[];
}

/** By start time, then the shorter first, then by title, so the order is stable whatever the server sent. */
export function compareSessions(a: ForumSession, b: ForumSession): number {
  return (
    Date.parse(a.starts_at) - Date.parse(b.starts_at) ||
    Date.parse(a.ends_at) - Date.parse(b.ends_at) ||
    a.title.localeCompare(b.title) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Groups the sessions by hall. Halls keep the event's order (the organisers
 * chose it: main stage first); a hall without sessions stays listed; sessions
 * of a hall the event does not know come last in their own group.
 */
export function groupByHall(event: Pick<ForumEvent, 'halls' | 'sessions'>): HallAgenda[] {
  const byHall = new Map<string, ForumSession[]>();
  for (const hall of event.halls) byHall.set(hall.id, []);
  const orphans: ForumSession[] = [];
  for (const session of event.sessions) {
    const list = byHall.get(session.hall);
    if (list) list.push(session);
    else orphans.push(session);
  }
  const groups: HallAgenda[] = event.halls
    // A duplicated hall id would list the same sessions twice; keep the first.
    .filter((hall, index, halls) => halls.findIndex((h) => h.id === hall.id) === index)
    .map((hall) => ({ hall, sessions: (byHall.get(hall.id) ?? []).slice().sort(compareSessions) }));
  if (orphans.length > 0) groups.push({ hall: null, sessions: orphans.sort(compareSessions) });
  return groups;
}

/** The first start and the last end of the event, or null when it has no sessions. */
export function eventSpan(sessions: readonly ForumSession[]): { start: string; end: string } | null {
  if (sessions.length === 0) return null;
  let start = sessions[0]!.starts_at;
  let end = sessions[0]!.ends_at;
  for (const s of sessions) {
    if (Date.parse(s.starts_at) < Date.parse(start)) start = s.starts_at;
    if (Date.parse(s.ends_at) > Date.parse(end)) end = s.ends_at;
  }
  return { start, end };
}

/** Whether the sessions start on more than one calendar day in the reader's zone (then each shows its date). */
export function spansSeveralDays(sessions: readonly ForumSession[], timeZone?: string): boolean {
  const days = new Set(sessions.map((s) => localDayKey(s.starts_at, timeZone)));
  return days.size > 1;
}
