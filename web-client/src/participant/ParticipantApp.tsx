import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { fetchEvent, type FetchEventOptions } from '../api/event';
import { LoadError, isLoadError } from '../api/errors';
import type { ForumEvent } from '../api/types';
import { AgendaView } from '../agenda/AgendaView';
import { ErrorState } from '../components/ErrorState';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LoadingState } from '../components/LoadingState';
import { loadLang, saveLang, type Lang } from '../i18n';
import { I18nProvider, makeI18n } from '../i18n/context';

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

/** The participant's page. For now it is the agenda; the session view joins it later. */
export function ParticipantApp({ loadEvent = fetchEvent, timeZone, locale }: ParticipantAppProps) {
  const [lang, setLangState] = useState<Lang>(() => loadLang());
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const inflight = useRef<AbortController | null>(null);

  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(next);
  }, []);
  const i18n = useMemo(() => makeI18n(lang, setLang, timeZone, locale), [lang, setLang, timeZone, locale]);

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

  // The page's language and title follow the choice and the event.
  useEffect(() => {
    document.documentElement.lang = i18n.t.lang;
    document.title = state.status === 'ready' ? `${state.event.title} — ${i18n.t.agenda.heading}` : i18n.t.app.name;
  }, [i18n, state]);

  return (
    <I18nProvider value={i18n}>
      <a class="skip-link" href="#main">
        {i18n.t.app.skipToContent}
      </a>
      <header class="topbar">
        <div class="container topbar__inner">
          <span class="brand">
            <span class="brand__mark" aria-hidden="true" />
            <span class="brand__name">{i18n.t.app.name}</span>
          </span>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" class="main" tabIndex={-1} aria-busy={state.status === 'loading'}>
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
        {state.status === 'ready' && <AgendaView event={state.event} />}
      </main>
    </I18nProvider>
  );
}
