import { describe, expect, it, vi } from 'vitest';
import { LoadError } from '../src/api/errors';
import { EVENT_URL, fetchEvent } from '../src/api/event';
import { parseEvent } from '../src/api/parse';
import { demoEvent, jsonResponse } from './fixtures';

async function failure(promise: Promise<unknown>): Promise<LoadError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return error as LoadError;
  }
  throw new Error('expected a failure');
}

describe('fetchEvent', () => {
  it('asks for the event as JSON, bypassing caches', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(demoEvent()));
    const event = await fetchEvent({ fetchImpl });
    expect(fetchImpl).toHaveBeenCalledWith(
      EVENT_URL,
      expect.objectContaining({ cache: 'no-store', headers: { Accept: 'application/json' } }),
    );
    expect(event).toEqual(demoEvent());
  });

  it('reports a network failure', async () => {
    const error = await failure(fetchEvent({ fetchImpl: async () => Promise.reject(new TypeError('Failed to fetch')) }));
    expect(error.kind).toBe('network');
  });

  it('reports an HTTP error with its status', async () => {
    const error = await failure(fetchEvent({ fetchImpl: async () => jsonResponse({ error: 'x' }, 503) }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(503);
  });

  it('reports a body that is not JSON', async () => {
    const error = await failure(fetchEvent({ fetchImpl: async () => jsonResponse('<html>proxy error</html>') }));
    expect(error.kind).toBe('data');
  });

  it('reports JSON that is not an event', async () => {
    const error = await failure(fetchEvent({ fetchImpl: async () => jsonResponse({ halls: 'none' }) }));
    expect(error.kind).toBe('data');
  });

  it('gives up after the timeout', async () => {
    const hang = (_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const error = await failure(fetchEvent({ fetchImpl: hang, timeoutMs: 20 }));
    expect(error.kind).toBe('timeout');
  });

  it('passes a cancellation by the caller through, not as an error to show', async () => {
    const controller = new AbortController();
    const hang = (_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const pending = fetchEvent({ fetchImpl: hang, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toHaveProperty('name', 'AbortError');
  });
});

describe('parseEvent', () => {
  it('drops a malformed session and keeps the rest', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const body = demoEvent() as unknown as { sessions: unknown[] };
    body.sessions.push({ id: 'broken', hall: 'main', title: 'Без времени' });
    body.sessions.push({ id: 'bad-date', hall: 'main', title: 'x', starts_at: 'soon', ends_at: 'later' });
    const event = parseEvent(body);
    expect(event.sessions.map((s) => s.id)).toEqual(['s3', 's1', 's2', 's4', 's5']);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('fills optional parts with safe values', () => {
    const event = parseEvent({
      id: 'f',
      title: 'T',
      halls: [{ id: 'h', name: 'H' }],
      sessions: [{ id: 's', hall: 'h', title: 'S', starts_at: '2026-01-15T07:00:00Z', ends_at: '2026-01-15T08:00:00Z', speakers: [{ name: 'N' }, 7] }],
    });
    expect(event.halls[0]!.stream).toBeNull();
    expect(event.sessions[0]).toMatchObject({ kind: '', state: 'scheduled', qa_open: false, speakers: [{ name: 'N', title: '' }] });
  });

  it('keeps public_url only when it is an http(s) origin', () => {
    const base = { title: 'T', halls: [], sessions: [] };
    expect(parseEvent({ ...base, public_url: 'https://forum.example.ru' }).publicUrl).toBe('https://forum.example.ru');
    expect(parseEvent(base).publicUrl).toBeUndefined();
    expect(parseEvent({ ...base, public_url: 'javascript:alert(1)' }).publicUrl).toBeUndefined();
    expect(parseEvent({ ...base, public_url: 'https://forum.example.ru/path' }).publicUrl).toBeUndefined();
  });

  it('refuses an envelope without halls or sessions', () => {
    expect(() => parseEvent({ title: 'T', halls: [] })).toThrow(LoadError);
    expect(() => parseEvent(null)).toThrow(LoadError);
    expect(() => parseEvent([])).toThrow(LoadError);
  });
});
