import { LoadError } from './errors';
import type { ForumEvent, ForumSession, Hall, HallStream, Speaker } from './types';

// The server is trusted to follow the contract, but a client that renders
// whatever arrives must not crash on a field that is missing or of the wrong
// type. The envelope must be right; a single malformed hall or session is
// dropped (and reported on the console) so one bad entry cannot hide the
// whole agenda.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isTimestamp(value: unknown): value is string {
  return isString(value) && !Number.isNaN(Date.parse(value));
}

function parseStream(value: unknown): HallStream | null {
  if (!isObject(value) || !isString(value.hls) || !isString(value.status)) return null;
  return { hls: value.hls, status: value.status };
}

export function parseHall(value: unknown): Hall | null {
  if (!isObject(value) || !isString(value.id) || !isString(value.name)) return null;
  return { id: value.id, name: value.name, stream: parseStream(value.stream) };
}

function parseSpeaker(value: unknown): Speaker | null {
  if (!isObject(value) || !isString(value.name)) return null;
  return { name: value.name, title: isString(value.title) ? value.title : '' };
}

export function parseSession(value: unknown): ForumSession | null {
  if (
    !isObject(value) ||
    !isString(value.id) ||
    !isString(value.hall) ||
    !isString(value.title) ||
    !isTimestamp(value.starts_at) ||
    !isTimestamp(value.ends_at)
  ) {
    return null;
  }
  const speakers = Array.isArray(value.speakers)
    ? value.speakers.map(parseSpeaker).filter((s): s is Speaker => s !== null)
    : [];
  return {
    id: value.id,
    hall: value.hall,
    title: value.title,
    kind: isString(value.kind) ? value.kind : '',
    starts_at: value.starts_at,
    ends_at: value.ends_at,
    speakers,
    state: isString(value.state) ? value.state : 'scheduled',
    qa_open: value.qa_open === true,
    moderation: isString(value.moderation) ? value.moderation : 'pre',
  };
}

function parseList<T>(items: unknown[], parse: (item: unknown) => T | null, what: string): T[] {
  const out: T[] = [];
  items.forEach((item, index) => {
    const parsed = parse(item);
    if (parsed === null) console.warn(`veche: ignoring malformed ${what} #${index} in /api/v1/event`);
    else out.push(parsed);
  });
  return out;
}

/** Reads the body of `GET /api/v1/event`; throws a `data` LoadError when it is unusable. */
export function parseEvent(value: unknown): ForumEvent {
  if (
    !isObject(value) ||
    !isString(value.title) ||
    !Array.isArray(value.halls) ||
    !Array.isArray(value.sessions)
  ) {
    throw new LoadError('data', 'the event is not an object with title, halls and sessions');
  }
  const event: ForumEvent = {
    id: isString(value.id) ? value.id : '',
    title: value.title,
    halls: parseList(value.halls, parseHall, 'hall'),
    sessions: parseList(value.sessions, parseSession, 'session'),
  };
  // Only an http(s) origin: it becomes a link and a QR code.
  if (isString(value.public_url) && /^https?:\/\/[^/?#\s]+$/.test(value.public_url)) event.publicUrl = value.public_url;
  return event;
}
