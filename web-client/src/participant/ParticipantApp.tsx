import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { fetchEvent, type FetchEventOptions } from '../api/event';
import { LoadError, isLoadError } from '../api/errors';
import type { ForumEvent } from '../api/types';
import { AgendaView } from '../agenda/AgendaView';
import { ErrorState } from '../components/ErrorState';
import { LoadingState } from '../components/LoadingState';
import { PageFrame, usePageI18n } from '../components/PageFrame';
import { followLink, sessionParam } from '../lib/route';
import { SessionPage } from './SessionPage';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; error: LoadError; retrying: boolean }
  | { status: 'ready'; event: ForumEvent };

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

  const load = useCallback(() => {
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    setState((prev) => (prev.status === 'error' ? { ...prev, retrying: true } : { status: 'loading' }));
    loadEvent({ signal: controller.signal }).then(
      (event) => {
        if (!controller.signal.aborted) setState({ status: 'ready', event });
      },
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        const error = isLoadError(cause) ? cause : new LoadError('network', String(cause));
        setState({ status: 'error', error, retrying: false });
      },
    );
  }, [loadEvent]);

  useEffect(() => {
    load();
    return () => inflight.current?.abort();
  }, [load]);

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
            <ErrorState error={state.error} retrying={state.retrying} onRetry={load} />
          </div>
        )}
        {state.status === 'ready' && session && <SessionPage key={session.id} event={state.event} session={session} />}
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
