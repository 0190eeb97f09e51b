import { useEffect, useState } from 'preact/hooks';
import type { LiveSession, LiveValue } from '../lib/live';

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
