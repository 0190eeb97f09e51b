import { useEffect, useState } from 'preact/hooks';
import type { ReplayPage } from '../replay/ReplayPage';

type Page = typeof ReplayPage;
/** Once loaded, the replay's code stays for the life of the page. */
let loaded: Page | null = null;

/**
 * The replay's code (its page, scrubber and timeline), loaded only for a
 * participant who watches a replay: the live page does not carry it. A
 * failure (the link dropped) is reported, and retried on request.
 */
export function useReplayPage(wanted: boolean): { Page: Page | null; failed: boolean; retry: () => void } {
  const [page, setPage] = useState<Page | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted || page) return;
    let cancelled = false;
    setFailed(false);
    import('../replay/ReplayPage').then(
      (module) => {
        loaded = module.ReplayPage;
        if (!cancelled) setPage(() => module.ReplayPage);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [wanted, page, attempt]);
  return { Page: page, failed, retry: () => setAttempt((n) => n + 1) };
}
