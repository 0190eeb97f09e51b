import { useEffect, useState } from 'preact/hooks';
import type { ForumSession } from '../api/types';
import { AuthorPlace } from '../components/AuthorPlace';
import { Clock } from '../components/Clock';
import { RegionPanel } from '../components/RegionPanel';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { PageFrame, usePageI18n } from '../components/PageFrame';
import { QuestionReply } from '../components/QuestionReply';
import { BadToken, StaffGate } from '../components/StaffGate';
import { useStaffLive } from '../components/useLive';
import { TextPanel } from '../components/TextPanel';
import { useI18n } from '../i18n/context';
import type { Question } from '../lib/protocol';
import { speakerQueue } from '../lib/queue';
import { langAttr, typeset } from '../lib/text';

export function SpeakerApp() {
  const i18n = usePageI18n();
  return (
    <PageFrame i18n={i18n} barLabel={i18n.t.speaker.title} variant="speaker">
      <StaffGate role="speaker" accepts={['speaker', 'moderator', 'admin']}>
        {({ token, session }) => <SpeakerView key={session.id} token={token!} session={session} />}
      </StaffGate>
    </PageFrame>
  );
}

/** The approved queue for the stage, in large type: the highlighted question on top, then by votes. */
function SpeakerView({ token, session: agendaSession }: { token: string; session: ForumSession }) {
  const { t, lang } = useI18n();
  const { live, value } = useStaffLive(agendaSession.id, token);
  const session = value?.state.session ?? agendaSession;
  const queue = speakerQueue(Object.values(value?.state.questions ?? {}));
  const top = queue[0]?.highlighted ? queue[0] : null;
  const rest = top ? queue.slice(1) : queue;
  const [replying, setReplying] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t.speaker.title}: ${session.title}`;
  }, [t, session.title]);

  if (value?.status === 'unauthorized') return <BadToken />;
  const answer = (id: string) => void live.request({ type: 'moderate', question: id, action: 'answer' }).catch(() => undefined);
  // A written answer, for the questions there is no time for on stage (contract 7.3).
  const replyTo = (q: Question) => (
    <>
      <QuestionReply question={q} />
      {replying === q.id ? (
        <TextPanel
          id={`reply-${q.id}`}
          label={t.speaker.replyLabel}
          showLabel
          initial={q.reply?.text ?? ''}
          submitLabel={t.speaker.sendReply}
          cancelLabel={t.speaker.cancel}
          onSubmit={(text) => {
            void live.request({ type: 'moderate', question: q.id, action: 'reply', text }).catch(() => undefined);
            setReplying(null);
          }}
          onCancel={() => setReplying(null)}
        />
      ) : (
        <button type="button" class="button button--small speaker__reply" onClick={() => setReplying(q.id)}>
          {t.speaker.reply}
        </button>
      )}
    </>
  );

  return (
    <>
      {value && <ConnectionBanner status={value.status} onRetry={() => live.retryNow()} />}
      <div class="container container--wide speaker">
        <header class="staff-head">
          <h1 class="staff-head__title" lang={langAttr(session.title, lang)}>
            {typeset(session.title)}
          </h1>
          <Clock className="clock clock--large" />
        </header>
        {top && (
          <section class="speaker__stage" aria-labelledby="stage-title" data-question-id={top.id}>
            <h2 id="stage-title" class="speaker__label">
              {t.live.onStage}
            </h2>
            <p class="speaker__stage-text">{top.text}</p>
            <AuthorPlace author={top.author} />
            <p class="speaker__meta">
              <span>{top.author?.name || t.live.anonymous}</span>
              <span class="speaker__votes">{t.live.votes(top.votes)}</span>
              <button type="button" class="button button--small" onClick={() => answer(top.id)}>
                {t.speaker.markAnswered}
              </button>
            </p>
            {replyTo(top)}
          </section>
        )}
        <RegionPanel sessionId={session.id} token={token} changeKey={queue.length} />
        <section aria-labelledby="queue-title">
          <h2 id="queue-title" class="speaker__label">
            {t.speaker.queue}
          </h2>
          {rest.length === 0 ? (
            <p class="speaker__empty">{t.speaker.empty}</p>
          ) : (
            <ol class="speaker__queue">
              {rest.map((q) => (
                <li key={q.id} class="speaker__item" data-question-id={q.id} data-state={q.state}>
                  <span class="speaker__count" aria-label={t.live.votes(q.votes)}>
                    {q.votes}
                  </span>
                  <div class="speaker__body">
                    <p class="speaker__text">{q.text}</p>
                    <AuthorPlace author={q.author} />
                    <p class="speaker__meta">
                      <span>{q.author?.name || t.live.anonymous}</span>
                      {q.state === 'answered' && <span class="badge badge--answered">{t.live.answered}</span>}
                    </p>
                    {replyTo(q)}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}
