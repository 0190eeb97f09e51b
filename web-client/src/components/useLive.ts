import { useEffect, useMemo, useState } from 'preact/hooks';
import { LiveSession, type LiveValue } from '../lib/live';

/**
 * Starts the live session while the component is mounted, re-renders on its
 * changes, and retries at once when the browser says the network is back.
 */
export function useLive(live: LiveSession | null): LiveValue | null {
  const [value, setValue] = useState<LiveValue | null>(live?.value ?? null);
  useEffect(() => {
    if (!live) {
      setValue(null);
      return;
    }
    setValue(live.value);
    const unlisten = live.listen(setValue);
    const online = () => live.retryNow();
    window.addEventListener('online', online);
    live.start();
    return () => {
      window.removeEventListener('online', online);
      unlisten();
      live.stop();
    };
  }, [live]);
  return value;
}

/** A live session of a staff page (or the screen): one token, one session, for as long as the page shows it. */
export function useStaffLive(sessionId: string, token: string, subscribe = true): { live: LiveSession; value: LiveValue | null } {
  const live = useMemo(() => new LiveSession({ sessionId, token: () => token, subscribe }), [sessionId, token, subscribe]);
  return { live, value: useLive(live) };
}
