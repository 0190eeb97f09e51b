// Times travel as RFC 3339 UTC strings; people read them in their own zone.
// Everything here takes the locale and the zone explicitly (undefined zone =
// the browser's), so tests can pin both.

export interface TimeFormat {
  locale: string;
  timeZone?: string | undefined;
}

// Intl.DateTimeFormat is costly to build and an agenda formats many times.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(fmt: TimeFormat, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${fmt.locale}|${fmt.timeZone ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(fmt.locale, { ...options, timeZone: fmt.timeZone });
    cache.set(key, f);
  }
  return f;
}

/** "10:00" (ru, en-GB) or "10:00 AM" (en-US) */
export function formatTime(iso: string, fmt: TimeFormat): string {
  return formatter(fmt, { timeStyle: 'short' }).format(new Date(iso));
}

/** "15 янв." / "15 Jan": the day of a session, when the event spans several days */
export function formatShortDay(iso: string, fmt: TimeFormat): string {
  return formatter(fmt, { day: 'numeric', month: 'short' }).format(new Date(iso));
}

/** "15 января 2026 г." or "15–16 января 2026 г." */
export function formatDateRange(startIso: string, endIso: string, fmt: TimeFormat): string {
  const f = formatter(fmt, { day: 'numeric', month: 'long', year: 'numeric' });
  const start = new Date(startIso);
  const end = new Date(endIso);
  return end.getTime() > start.getTime() ? f.formatRange(start, end) : f.format(start);
}

/** The calendar day of an instant in the reader's zone, as "YYYY-MM-DD". */
export function localDayKey(iso: string, timeZone?: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return formatter({ locale: 'en-CA', timeZone }, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

/** Whole minutes between two instants, never negative. */
export function durationMinutes(startIso: string, endIso: string): number {
  const ms = Date.parse(endIso) - Date.parse(startIso);
  return ms > 0 ? Math.round(ms / 60_000) : 0;
}

function zonePart(fmt: TimeFormat, style: Intl.DateTimeFormatOptions['timeZoneName'], at: Date): string {
  try {
    return formatter(fmt, { timeZoneName: style })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return ''; // an engine without this timeZoneName style
  }
}

/**
 * The reader's zone in words, e.g. "Москва, стандартное время (GMT+3)" or
 * "Greenwich Mean Time (GMT+0)". Participants sit in eleven time zones, so the
 * agenda says which one it uses.
 */
export function timeZoneLabel(fmt: TimeFormat, at: Date = new Date()): string {
  const long = zonePart(fmt, 'long', at);
  const offset = zonePart(fmt, 'shortOffset', at);
  if (long && offset && long !== offset) return `${long} (${offset})`;
  return long || offset || (fmt.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** "10:42:05": an instant (ms since the epoch) to the second, e.g. a moment of a replay */
export function formatClock(ms: number, fmt: TimeFormat): string {
  return formatter(fmt, { timeStyle: 'medium' }).format(new Date(ms));
}
