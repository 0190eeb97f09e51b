import type { VNode } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { fetchEvent } from '../api/event';
import { isLoadError, LoadError } from '../api/errors';
import type { ForumEvent, ForumSession } from '../api/types';
import { useI18n } from '../i18n/context';
import { decodeClaims, forgetStaffToken, takeStaffToken, type Claims } from '../lib/auth';
import { langAttr, typeset } from '../lib/text';
import { ErrorState } from './ErrorState';
import { LoadingState } from './LoadingState';

export interface StaffContext {
  token: string;
  claims: Claims | null;
  event: ForumEvent;
  session: ForumSession;
}

interface Props {
  /** the role `veche token --role …` should mint for this page */
  role: 'moderator' | 'speaker' | 'captioner';
  /** roles whose tokens this page accepts */
  accepts: readonly string[];
  /** a page that can do without a token gets null instead of the notice */
  optionalToken?: boolean;
  children: (ctx: StaffContext | (Omit<StaffContext, 'token'> & { token: null })) => VNode;
}

export function StaffNotice({ title, text }: { title: string; text?: string }) {
  return (
    <div class="container">
      <section class="notice notice--error" role="alert">
        <h1 class="notice__title">{title}</h1>
        {text && <p class="notice__text">{text}</p>}
      </section>
    </div>
  );
}

/** The server refused the token (close 4401): forget it and ask for a new link. */
export function BadToken() {
  const { t } = useI18n();
  useEffect(forgetStaffToken, []);
  return <StaffNotice title={t.staff.badToken} />;
}

/**
 * What every staff page needs before it can go live: a token (from the URL
 * fragment), the event, and the session (`?session=ID`, the token's only
 * session, or the person's pick).
 */
export function StaffGate({ role, accepts, optionalToken = false, children }: Props) {
  const { t, lang } = useI18n();
  const token = useMemo(() => takeStaffToken(), []);
  const claims = useMemo(() => (token ? decodeClaims(token) : null), [token]);
  const [event, setEvent] = useState<ForumEvent | LoadError | null>(null);
  const [retrying, setRetrying] = useState(false);

  const load = useCallback(() => {
    setRetrying(true);
    fetchEvent().then(setEvent, (cause: unknown) => setEvent(isLoadError(cause) ? cause : new LoadError('network', String(cause))));
  }, []);
  useEffect(load, [load]);
  useEffect(() => setRetrying(false), [event]);

  if (!token && !optionalToken) {
    return <StaffNotice title={t.staff.noToken} text={t.staff.noTokenHelp(`veche token --config … --role ${role}`)} />;
  }
  if (claims?.role && !accepts.includes(claims.role)) {
    return <StaffNotice title={t.staff.wrongRole(claims.role)} text={t.staff.noTokenHelp(`veche token --config … --role ${role}`)} />;
  }
  if (event === null) {
    return (
      <div class="container">
        <LoadingState />
      </div>
    );
  }
  if (event instanceof LoadError) {
    return (
      <div class="container">
        <ErrorState error={event} retrying={retrying} onRetry={load} />
      </div>
    );
  }

  const allowed = claims?.sessions?.length ? event.sessions.filter((s) => claims.sessions!.includes(s.id)) : event.sessions;
  const wanted = new URLSearchParams(location.search).get('session') ?? (allowed.length === 1 ? allowed[0]!.id : null);
  const session = wanted ? event.sessions.find((s) => s.id === wanted) : undefined;
  if (wanted && !session) return <StaffNotice title={t.live.notFound} />;
  if (!session) {
    return (
      <div class="container">
        <h1 class="page-title">{t.staff.pickSession}</h1>
        <ul class="session-picker">
          {allowed.map((s) => (
            <li key={s.id}>
              <a class="session-picker__link" href={`?session=${encodeURIComponent(s.id)}`} lang={langAttr(s.title, lang)}>
                {typeset(s.title)}
              </a>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return children({ token, claims, event, session } as StaffContext);
}
