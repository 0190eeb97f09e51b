import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ForumEvent, ForumSession } from '../api/types';
import { ConnectionBanner } from '../components/ConnectionBanner';
import { LoadingState } from '../components/LoadingState';
import { useLive } from '../components/useLive';
import { sessionStateLabel } from '../i18n';
import { useI18n } from '../i18n/context';
import { forgetIdentity, loadIdentity, type Identity } from '../lib/auth';
import { LiveSession } from '../lib/live';
import { keepSession, keptSession } from '../lib/offline';
import { loadDataSaver, saveDataSaver, slowOrMeteredLink, type DataSaverChoice } from '../lib/saver';
import { isSimilarQuestion, type Question } from '../lib/protocol';
import type { SessionState } from '../lib/store';
import { followLink } from '../lib/route';
import { langAttr, typeset } from '../lib/text';
import { AskBox } from './AskBox';
import { DataSaverOffer } from './DataSaverOffer';
import { JoinCard } from './JoinCard';
import { PollsPanel } from './PollsPanel';
import { QuestionsPanel } from './QuestionsPanel';
import { ReactionsBar } from './ReactionsBar';
import { TranscriptPanel } from './TranscriptPanel';
import { useReplayPage } from './useReplayPage';
import { VideoPanel } from './VideoPanel';

interface Props {
  event: ForumEvent;
  session: ForumSession;
  /** the programme is the copy kept on the device at this time (ms): the server is out of reach */
  keptAt?: number | null;
  /** asks the server for the programme again */
  onRefresh?: () => void;
}

/** The session's state is kept on the device at most this often (and when the page is hidden). */
export const KEEP_EVERY_MS = 3_000;

/** The video waits for the questions at most this long before it loads anyway. */
export const VIDEO_WAITS_MS = 3_000;

/**
 * One session for a participant: video, transcript, reactions, polls, the ask
 * box and the questions; an ended session (or a running one, from its start)
 * as a replay with the questions and polls as they were at each moment.
 */
export function SessionPage({ event, session: agendaSession, keptAt = null, onRefresh }: Props) {
  const { t, lang } = useI18n();
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);
  const [expired, setExpired] = useState(false);
  // What this participant last saw of the session, shown at once (a reload
  // without a network) and resumed from with `since`.
  const kept = useMemo(() => (identity ? keptSession(agendaSession.id, identity.participant.id) : null), [identity, agendaSession.id]);
  const live = useMemo(
    () =>
      identity ? new LiveSession({ sessionId: agendaSession.id, token: () => identity.token, initial: kept?.value }) : null,
    [identity, agendaSession.id, kept],
  );
  const value = useLive(live);
  useKeptSession(value?.state ?? null, identity?.participant.id ?? null);
  const [saverChoice, setSaverChoice] = useState<DataSaverChoice>(loadDataSaver);
  const [offerSaver] = useState(() => saverChoice === null && slowOrMeteredLink());
  const chooseSaver = useCallback((on: boolean) => {
    saveDataSaver(on);
    setSaverChoice(on);
  }, []);
  const state = value?.state;
  const session = state?.session ?? agendaSession;
  const hall = event.halls.find((h) => h.id === session.hall) ?? null;
  const status = state?.stream ?? hall?.stream?.status ?? 'offline';
  const ready = value?.status === 'online' && state?.ready === true;
  const running = session.state !== 'ended';
  // An ended session opens on its replay; a running one plays it on request.
  const [replayAsked, setReplayAsked] = useState(agendaSession.state === 'ended');
  const replay = replayAsked && hall !== null;
  const { Page: ReplayPage, failed: replayFailed, retry: retryReplay } = useReplayPage(replay);
  const pageReady = useSettled(!identity || state?.ready === true || value?.status === 'offline', VIDEO_WAITS_MS);
  // Once live, the page shows the session as it was when the link dropped, not as it was kept.
  const resumed = useSettled(value?.status === 'online', Infinity);

  // A token the server refuses (expired, secret rotated): join again.
  useEffect(() => {
    if (value?.status === 'unauthorized') {
      forgetIdentity();
      setExpired(true);
      setIdentity(null);
    }
  }, [value?.status]);

  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, [agendaSession.id]);
  useEffect(() => {
    document.title = `${session.title} — ${event.title}`;
  }, [session.title, event.title]);
  // Switching between the live picture and the replay replaces the controls that did it: the title takes the focus.
  const switched = useRef(false);
  useEffect(() => {
    if (switched.current) heading.current?.focus({ preventScroll: true });
    switched.current = true;
  }, [replay]);

  const onClock = useCallback((clock: () => number | null) => live?.setVideoClock(clock), [live]);
  const onClockChange = useCallback(() => live?.videoClockChanged(), [live]);

  const segments = state?.transcript ?? [];
  const partial = segments.filter((s) => !s.final).at(-1);
  const captionLine = partial?.text || segments.filter((s) => s.final).at(-1)?.text || '';
  const meId = value?.me?.id ?? identity?.participant.id ?? null;

  const vote = async (id: string, on: boolean) => {
    if (!live) return;
    live.local({ type: 'local/vote', question: id, on });
    try {
      const ack = await live.request({ type: 'vote', question: id, on });
      live.local({ type: 'local/vote', question: id, on, votes: typeof ack.votes === 'number' ? ack.votes : undefined });
    } catch {
      live.local({ type: 'local/vote', question: id, on: !on });
    }
  };
  const findSimilar = useCallback(
    async (text: string) => {
      if (!live) return [];
      const ack = await live.request({ type: 'similar', session: agendaSession.id, text });
      return Array.isArray(ack.questions) ? ack.questions.filter(isSimilarQuestion) : [];
    },
    [live, agendaSession.id],
  );

  const ask = async (text: string, anonymous: boolean) => {
    if (!live) throw new Error('not joined');
    const ack = await live.request({ type: 'ask', session: session.id, text, anonymous });
    const pending = session.moderation !== 'post';
    if (typeof ack.id === 'string') {
      live.local({
        type: 'local/question',
        question: {
          id: ack.id,
          session: session.id,
          text,
          author: meId ? { id: meId, name: identity?.participant.name ?? '' } : null,
          state: pending ? 'pending' : 'approved',
          highlighted: false,
          votes: 0,
          created_at: new Date().toISOString(),
          edited: false,
          anonymous,
        },
      });
    }
    return { pending };
  };

  const stateLabel = session.state !== 'scheduled' ? sessionStateLabel(t, session.state) : null;
  const who = identity ? (
    <p class="whoami">
      {identity.participant.name ? t.join.as(identity.participant.name) : t.join.asAnonymous}
      {identity.participant.region && ` · ${identity.participant.region}`}
    </p>
  ) : (
    running && (
      <JoinCard
        expired={expired}
        onJoined={(id) => {
          setExpired(false);
          setIdentity(id);
        }}
      />
    )
  );
  const askBox = identity && (
    <AskBox
      qaOpen={session.qa_open && session.state !== 'ended'}
      onAsk={ask}
      findSimilar={ready ? findSimilar : null}
      questions={state?.questions}
      myVotes={state?.myVotes}
      onVote={ready ? vote : null}
    />
  );
  return (
    <div class="session-page">
      {(value || keptAt !== null) && (
        <ConnectionBanner
          status={value?.status ?? 'offline'}
          keptAt={resumed ? keptAt : (kept?.savedAt ?? keptAt)}
          onRetry={() => {
            live?.retryNow();
            if (keptAt !== null) onRefresh?.();
          }}
        />
      )}
      <div class="container">
        <nav class="crumbs">
          <a href="./" onClick={(e) => followLink(e, './')}>
            ← {t.live.backToAgenda}
          </a>
        </nav>
        <header class="session-head">
          {hall && (
            <p class="session-head__hall" lang={langAttr(hall.name, lang)}>
              {hall.name}
            </p>
          )}
          <h1 class="session-head__title" ref={heading} tabIndex={-1} lang={langAttr(session.title, lang)}>
            {typeset(session.title)}
          </h1>
          {stateLabel && <p class={`badge badge--state-${session.state}`}>{stateLabel}</p>}
        </header>
        {offerSaver && saverChoice === null && <DataSaverOffer onChoose={chooseSaver} />}
        {replay && !ReplayPage && !replayFailed && <LoadingState />}
        {replay && replayFailed && (
          <section class="notice notice--error" role="alert">
            <p class="notice__text">{t.replay.failed}</p>
            <button type="button" class="button button--primary" onClick={retryReplay}>
              {t.error.retry}
            </button>
          </section>
        )}
        {replay && ReplayPage ? (
          <ReplayPage
            sessionId={session.id}
            hall={hall!}
            onBackToLive={running ? () => setReplayAsked(false) : null}
            fallback={state?.ready ? state : null}
            saver={saverChoice === true}
            onSaver={chooseSaver}
            side={
              <>
                {who}
                {running && askBox}
              </>
            }
          />
        ) : (
          (!replay || replayFailed) && (
            <div class="live-layout">
              <div class="live-layout__stage">
                {hall && (
                  <VideoPanel
                    hall={hall}
                    status={status}
                    captionLine={captionLine}
                    onClock={onClock}
                    onClockChange={onClockChange}
                    pageReady={pageReady}
                    saver={saverChoice === true}
                    onSaver={chooseSaver}
                  >
                    {session.state !== 'scheduled' && (
                      <button type="button" class="chip" onClick={() => setReplayAsked(true)}>
                        <span aria-hidden="true">⏮</span> {t.replay.fromStart}
                      </button>
                    )}
                  </VideoPanel>
                )}
                <ReactionsBar
                  animate={saverChoice !== true}
                  reactions={state?.reactions ?? null}
                  tick={state?.reactionsTick ?? 0}
                  onReact={ready ? (kind) => live?.send({ type: 'react', session: session.id, kind }) : null}
                />
                <TranscriptPanel sessionId={session.id} segments={segments} />
              </div>
              <div class="live-layout__side">
                {who}
                <PollsPanel
                  polls={state?.polls ?? {}}
                  verified={identity?.participant.verified === true}
                  ballots={state?.myBallots ?? {}}
                  onVote={
                    ready
                      ? async (poll, choices) => {
                          await live!.request({ type: 'poll_vote', poll: poll.id, choices });
                          live!.local({ type: 'local/ballot', poll: poll.id, choices });
                        }
                      : null
                  }
                />
                {askBox}
                <QuestionsPanel
                  questions={Object.values(state?.questions ?? {})}
                  myVotes={state?.myVotes ?? new Set()}
                  meId={meId}
                  onVote={ready ? (q: Question, on: boolean) => vote(q.id, on) : null}
                />
              </div>
            </div>
          )
        )}
      </div>
    </div>
  );
}

/** Keeps the session's complete state on the device (lib/offline.ts), at most every KEEP_EVERY_MS and when the page is hidden or left. */
function useKeptSession(state: SessionState | null, participantId: string | null) {
  const latest = useRef<{ state: SessionState | null; participantId: string | null }>({ state, participantId });
  latest.current = { state, participantId };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keep = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const { state: s, participantId: id } = latest.current;
    if (s?.ready && id) keepSession(s, id);
  }, []);
  useEffect(() => {
    if (state?.ready && timer.current === null) timer.current = setTimeout(keep, KEEP_EVERY_MS);
  }, [state, keep]);
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') keep();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', keep);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', keep);
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, [keep]);
}

/** True once `condition` has held, or `maxWaitMs` has passed (never, for Infinity); then true for good. */
function useSettled(condition: boolean, maxWaitMs: number): boolean {
  const [settled, setSettled] = useState(condition);
  useEffect(() => {
    if (settled) return;
    if (condition) return setSettled(true);
    if (!Number.isFinite(maxWaitMs)) return;
    const timer = setTimeout(() => setSettled(true), maxWaitMs);
    return () => clearTimeout(timer);
  }, [condition, settled, maxWaitMs]);
  return settled;
}
