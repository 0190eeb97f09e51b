import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isLoadError } from '../api/errors';
import { fetchTimeline } from '../api/timeline';
import type { Timeline } from '../lib/replay';

/** A running session's timeline is asked for again at most this often, and only once the replay has caught up with it. */
export const TIMELINE_REFRESH_MS = 10_000;

export interface TimelineValue {
  value: Timeline | null;
  /** the timeline holds every event up to this moment (hall wall clock, ms) */
  asOf: number | null;
  loading: boolean;
  /** the last attempt failed and there is nothing to show */
  failed: boolean;
  /** the session has no replay (never went live) */
  missing: boolean;
  retry: () => void;
}

/**
 * The session's timeline. While the session runs its timeline grows: it is
 * fetched again when the replay reaches the moment of the last fetch (the
 * recording's edge then, which is the server's clock), so a participant who
 * watches from the start of a long session loads it once or twice, not every
 * few seconds.
 */
export function useTimeline(sessionId: string, playhead: number | null, recordingEdge: () => number | null): TimelineValue {
  const [value, setValue] = useState<Timeline | null>(null);
  const [asOf, setAsOf] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const [missing, setMissing] = useState(false);
  const inflight = useRef<AbortController | null>(null);
  const lastFetch = useRef(0);
  // Read at the time of each fetch.
  const edgeNow = useRef(recordingEdge);
  edgeNow.current = recordingEdge;

  const load = useCallback(() => {
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    lastFetch.current = Date.now();
    const edge = edgeNow.current();
    setLoading(true);
    fetchTimeline(sessionId, controller.signal).then(
      (timeline) => {
        if (controller.signal.aborted) return;
        setValue(timeline);
        setAsOf(Math.max(edge ?? -Infinity, timeline.items.at(-1)?.at_ms ?? -Infinity, timeline.from_ms ?? -Infinity));
        setLoading(false);
        setFailed(false);
      },
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        setLoading(false);
        if (isLoadError(cause) && cause.kind === 'http' && cause.status === 404) setMissing(true);
        else setFailed(true);
      },
    );
  }, [sessionId]);

  useEffect(() => {
    load();
    return () => inflight.current?.abort();
  }, [load]);

  const running = value !== null && value.to_ms === null;
  const behind = running && !loading && playhead !== null && asOf !== null && playhead > asOf;
  useEffect(() => {
    if (!behind) return;
    const timer = setTimeout(load, Math.max(0, lastFetch.current + TIMELINE_REFRESH_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [behind, load]);

  return { value, asOf, loading, failed: failed && value === null, missing, retry: load };
}
