import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { fetchEvent, type FetchEventOptions } from '../api/event';
import { LoadError, isLoadError } from '../api/errors';
import type { ForumEvent } from '../api/types';
import { AgendaView } from '../agenda/AgendaView';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { PageFrame, usePageI18n } from '../components/PageFrame';
import { keepEvent, keptEvent } from '../lib/offline';
import { followLink, sessionParam } from '../lib/route';
import { SessionPage } from './SessionPage';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; error: LoadError; retrying: boolean }
  /** keptAt: the programme is the copy kept on the device at that time (ms), the server being out of reach */
  | { status: 'ready'; event: ForumEvent; keptAt: number | null };

/** While the page shows its kept copy, it asks the server again this often (and at once when the browser is back online). */
export const REFRESH_KEPT_MS = 15_000;

/** A failure that says the server is out of reach, rather than that it refused or sent nonsense. */
const outOfReach = (error: LoadError) =>
  error.kind === 'network' || error.kind === 'timeout' || (error.kind === 'http' && (error.status ?? 0) >= 500);

export interface ParticipantAppProps {
  /** injectable for tests; defaults to `GET /api/v1/event` */
  loadEvent?: (options: FetchEventOptions) => Promise<ForumEvent>;
  /** pin the zone and locale (tests); by default the browser's */
  timeZone?: string;
  locale?: string;
}

/** The participant's page: the agenda at `/`, a session at `/?session=ID`. */
export function ParticipantApp({ loadEvent = fetchEvent, timeZone, locale }: ParticipantAppProps) {
  const i18n = usePageI18n(timeZone, locale);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [sessionId, setSessionId] = useState<string | null>(() => sessionParam());
  const inflight = useRef<AbortController | null>(null);

  useEffect(() => {
    const onPop = () => setSessionId(sessionParam());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  // `quiet`: refreshing a kept copy, which stays on screen until the answer comes.
  const load = useCallback(
    (quiet = false) => {
      inflight.current?.abort();
      const controller = new AbortController();
      inflight.current = controller;
      if (!quiet) setState((prev) => (prev.status === 'error' ? { ...prev, retrying: true } : { status: 'loading' }));
      loadEvent({ signal: controller.signal }).then(
        (event) => {
          if (controller.signal.aborted) return;
          keepEvent(event);
          setState({ status: 'ready', event, keptAt: null });
        },
        (cause: unknown) => {
          if (controller.signal.aborted) return;
          const error = isLoadError(cause) ? cause : new LoadError('network', String(cause));
          const kept = outOfReach(error) ? keptEvent() : null;
          if (kept) setState({ status: 'ready', event: kept.value, keptAt: kept.savedAt });
          else if (!quiet) setState({ status: 'error', error, retrying: false });
        },
      );
    },
    [loadEvent],
  );

  useEffect(() => {
    load();
    return () => inflight.current?.abort();
  }, [load]);

  const showingKept = state.status === 'ready' && state.keptAt !== null;
  useEffect(() => {
    if (!showingKept) return;
    const refresh = () => load(true);
    const timer = setInterval(refresh, REFRESH_KEPT_MS);
    window.addEventListener('online', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', refresh);
    };
  }, [showingKept, load]);

  const session = state.status === 'ready' && sessionId ? (state.event.sessions.find((s) => s.id === sessionId) ?? null) : null;

  useEffect(() => {
    if (session) return; // the session view names itself
    document.title = state.status === 'ready' ? `${state.event.title} — ${i18n.t.agenda.heading}` : i18n.t.app.name;
  }, [i18n, state, session]);

  return (
    <PageFrame i18n={i18n} skipLabel={sessionId ? undefined : i18n.t.app.skipToContent}>
      <div aria-busy={state.status === 'loading'}>
        {state.status === 'loading' && (
          <div class="container">
            <h1 class="visually-hidden">{i18n.t.app.name}</h1>
            <LoadingState />
          </div>
        )}
        {state.status === 'error' && (
          <div class="container">
            <ErrorState error={state.error} retrying={state.retrying} onRetry={() => load()} />
          </div>
        )}
        {state.status === 'ready' && session && (
          <SessionPage key={session.id} event={state.event} session={session} keptAt={state.keptAt} onRefresh={() => load(true)} />
        )}
        {state.status === 'ready' && !session && state.keptAt !== null && (
          <ConnectionBanner status="offline" keptAt={state.keptAt} onRetry={() => load(true)} />
        )}
        {state.status === 'ready' && sessionId && !session && (
          <div class="container">
            <section class="notice" role="alert">
              <h1 class="notice__title">{i18n.t.live.notFound}</h1>
              <p class="notice__text">
                <a href="./" onClick={(e) => followLink(e, './')}>
                  ← {i18n.t.live.backToAgenda}
                </a>
              </p>
            </section>
          </div>
        )}
        {state.status === 'ready' && !sessionId && <AgendaView event={state.event} />}
      </div>
    </PageFrame>
  );
}
