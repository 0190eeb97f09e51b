import { LoadError } from './errors';
import { parseEvent } from './parse';
import type { ForumEvent } from './types';

export const EVENT_URL = '/api/v1/event';

export interface FetchEventOptions {
  /** cancels the request, e.g. when the page no longer needs it */
  signal?: AbortSignal;
  /** give up after this long; phones on hotel networks can stall forever */
  timeoutMs?: number;
  /** injectable for tests */
  fetchImpl?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** `GET /api/v1/event`, with every failure turned into a LoadError. */
export async function fetchEvent(options: FetchEventOptions = {}): Promise<ForumEvent> {
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = () => timeout.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    let response: Response;
    try {
      response = await fetchImpl(EVENT_URL, {
        headers: { Accept: 'application/json' },
        cache: 'no-store',
        signal: timeout.signal,
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      if (timeout.signal.aborted) throw new LoadError('timeout', 'the server did not answer in time');
      throw new LoadError('network', String(cause));
    }
    if (!response.ok) {
      throw new LoadError('http', `the server answered ${response.status}`, response.status);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (timeout.signal.aborted && !options.signal?.aborted) {
        throw new LoadError('timeout', 'the server did not finish the answer in time');
      }
      throw new LoadError('data', 'the answer is not JSON');
    }
    return parseEvent(body);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
