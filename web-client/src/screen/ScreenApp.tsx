import { useEffect, useState } from 'preact/hooks';
import type { ForumSession } from '../api/types';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { PageFrame, usePageI18n } from '../components/PageFrame';
import { PollResults, resultsVisible } from '../components/PollResults';
import { QrCode } from '../components/QrCode';
import { StaffGate, StaffNotice } from '../components/StaffGate';
import { useStaffLive } from '../components/useLive';
import { useI18n } from '../i18n/context';
import { join } from '../lib/auth';
import { highlighted } from '../lib/queue';
import { langAttr, typeset } from '../lib/text';

export function ScreenApp() {
  const i18n = usePageI18n();
  return (
    <PageFrame i18n={i18n} barLabel={i18n.t.screen.title} variant="screen">
      <StaffGate role="speaker" accepts={['speaker', 'moderator', 'admin', 'participant']} optionalToken>
        {({ token, session, event }) => (
          <ScreenGate key={session.id} staffToken={token} session={session} publicUrl={event.publicUrl ?? location.origin} />
        )}
      </StaffGate>
    </PageFrame>
  );
}

const SCREEN_TOKEN_KEY = 'veche.screen-token';

/**
 * The screen shows what the hall may see: with a speaker token (which also
 * lets it in when joining needs a code), or else as a nameless participant.
 * Either way it shows a poll's results when the audience gets them.
 */
function ScreenGate({ staffToken, session, publicUrl }: { staffToken: string | null; session: ForumSession; publicUrl: string }) {
  const { t } = useI18n();
  const [token, setToken] = useState<string | null>(() => staffToken ?? sessionStorage.getItem(SCREEN_TOKEN_KEY));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (token) return;
    join({}).then(
      (identity) => {
        sessionStorage.setItem(SCREEN_TOKEN_KEY, identity.token);
        setToken(identity.token);
      },
      () => setFailed(true),
    );
  }, [token]);
  if (failed) return <StaffNotice title={t.staff.noToken} text={t.staff.noTokenHelp('veche token --config … --role speaker')} />;
  if (!token) return null;
  return (
    <ScreenView
      token={token}
      session={session}
      publicUrl={publicUrl}
      onRefused={() => {
        sessionStorage.removeItem(SCREEN_TOKEN_KEY);
        if (staffToken) setFailed(true);
        else setToken(null);
      }}
    />
  );
}

function ScreenView({
  token,
  session: agendaSession,
  publicUrl,
  onRefused,
}: {
  token: string;
  session: ForumSession;
  publicUrl: string;
  onRefused: () => void;
}) {
  const { t, lang } = useI18n();
  const { live, value } = useStaffLive(agendaSession.id, token);
  const session = value?.state.session ?? agendaSession;
  const top = highlighted(Object.values(value?.state.questions ?? {}));
  const polls = Object.values(value?.state.polls ?? {});
  const poll = polls.filter((p) => p.state === 'open').at(-1) ?? polls.filter((p) => p.state === 'closed').at(-1) ?? null;
  const joinUrl = `${publicUrl}/?session=${encodeURIComponent(session.id)}`;
  const shortUrl = joinUrl.replace(/^https?:\/\//, '');

  useEffect(() => {
    if (value?.status === 'unauthorized') onRefused();
  }, [value?.status]);
  useEffect(() => {
    document.title = `${t.screen.title}: ${session.title}`;
  }, [t, session.title]);

  return (
    <>
      {value && <ConnectionBanner status={value.status} onRetry={() => live.retryNow()} />}
      <div class="screen">
        <div class="screen__main">
          <h1 class="screen__session" lang={langAttr(session.title, lang)}>
            {typeset(session.title)}
          </h1>
          {top ? (
            <section class="screen__question" aria-labelledby="screen-q-label" data-question-id={top.id}>
              <h2 id="screen-q-label" class="screen__label">
                {t.live.onStage}
              </h2>
              <p class="screen__text">{top.text}</p>
              <p class="screen__author">{top.author?.name || t.live.anonymous}</p>
            </section>
          ) : (
            <p class="screen__idle">{t.screen.noQuestion}</p>
          )}
          {poll && (
            <section class="screen__poll" aria-label={poll.question} data-poll-id={poll.id} data-state={poll.state}>
              <h2 class="screen__poll-question">{poll.question}</h2>
              {resultsVisible(poll) ? (
                <PollResults poll={poll} large />
              ) : (
                <ol class="screen__options">
                  {poll.options.map((o, i) => (
                    <li key={i}>{o.text}</li>
                  ))}
                </ol>
              )}
            </section>
          )}
        </div>
        <aside class="screen__join">
          <p class="screen__label">{t.screen.askHere}</p>
          <QrCode text={joinUrl} size={260} label={t.screen.qrLabel(shortUrl)} />
          <p class="screen__link">{shortUrl}</p>
        </aside>
      </div>
    </>
  );
}
