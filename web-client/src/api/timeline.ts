import { parseTimeline, type Timeline } from '../lib/replay';
import { LoadError } from './errors';

export const timelineUrl = (sessionId: string) => `/api/v1/sessions/${encodeURIComponent(sessionId)}/timeline.json`;

const TIMEOUT_MS = 20_000;

/** `GET /api/v1/sessions/{id}/timeline.json`, with every failure turned into a LoadError. */
export async function fetchTimeline(sessionId: string, signal: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<Timeline> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), TIMEOUT_MS);
  const onAbort = () => timeout.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const failed = (kind: 'network' | 'data', cause: unknown) => {
    if (signal.aborted) return cause;
    return new LoadError(timeout.signal.aborted ? 'timeout' : kind, String(cause));
  };
  try {
    let response: Response;
    try {
      response = await fetchImpl(timelineUrl(sessionId), { headers: { Accept: 'application/json' }, cache: 'no-store', signal: timeout.signal });
    } catch (cause) {
      throw failed('network', cause);
    }
    if (!response.ok) throw new LoadError('http', `the server answered ${response.status}`, response.status);
    try {
      return parseTimeline(await response.json(), sessionId);
    } catch (cause) {
      throw failed('data', cause);
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
