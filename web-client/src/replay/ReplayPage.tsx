// A session's replay on the participant page (loaded only when wanted): its
// recording from /vod/, and beside it the questions, votes, polls and
// transcript as they were at the moment on screen, from the session's
// timeline folded through the live page's reducer (lib/replay.ts).
import '../styles/replay.css';
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Hall } from '../api/types';
import { useI18n } from '../i18n/context';
import { mediaTimeAt, recordedUntil, recordingGaps, wallClockAt, type Piece } from '../lib/playhead';
import type { Segment } from '../lib/protocol';
import { linesAt, TimelineFold } from '../lib/replay';
import type { SessionState } from '../lib/store';
import { formatClock } from '../lib/time';
import { PollsPanel } from '../participant/PollsPanel';
import { QuestionsPanel } from '../participant/QuestionsPanel';
import { TranscriptPanel } from '../participant/TranscriptPanel';
import { VideoPanel } from '../participant/VideoPanel';
import { ReplayBar } from './ReplayBar';
import { useTimeline } from './useTimeline';

interface Props {
  sessionId: string;
  hall: Hall;
  /** the session runs: the page can go back to its live picture */
  onBackToLive: (() => void) | null;
  /** what the page knew of the session live (or kept on the device): shown while the timeline cannot be had */
  fallback: SessionState | null;
  saver: boolean;
  onSaver: (on: boolean) => void;
  /** the top of the side column: who the participant is, the ask box of a running session */
  side: ComponentChildren;
}

/** A break in the recording is named over the picture for this long after the replay passes it. */
const GAP_NOTE_MS = 6_000;
/** A transcript line is captioned until this long after its end. */
const CAPTION_AFTER_MS = 2_000;
const NO_VOTES: ReadonlySet<string> = new Set();
const noClock = () => undefined;

export function ReplayPage({ sessionId, hall, onBackToLive, fallback, saver, onSaver, side }: Props) {
  const { t, locale, timeZone } = useI18n();
  const media = useRef<HTMLVideoElement>(null);
  const [pieces, setPieces] = useState<Piece[]>([]);
  const [missing, setMissing] = useState(false);
  const piecesNow = useRef(pieces);
  piecesNow.current = pieces;

  // The moment shown (hall wall clock, ms): the video's, or the one asked for before the video can go there.
  const [playhead, setPlayhead] = useState<number | null>(null);
  const pending = useRef<number | null>(null);
  const dragging = useRef(false);

  const timeline = useTimeline(sessionId, playhead, () => recordedUntil(piecesNow.current));
  const fold = useMemo(() => (timeline.value ? new TimelineFold(timeline.value) : null), [timeline.value]);

  const from = timeline.value?.from_ms ?? pieces[0]?.pdt ?? null;
  const to = timeline.value?.to_ms ?? Math.max(recordedUntil(pieces) ?? -Infinity, timeline.asOf ?? -Infinity, from ?? -Infinity);
  const at = playhead ?? from ?? 0;
  const running = timeline.value ? timeline.value.to_ms === null : onBackToLive !== null;

  const follow = useCallback(() => {
    const el = media.current;
    if (!el || dragging.current) return;
    if (pending.current !== null) {
      const time = el.readyState >= 1 ? mediaTimeAt(piecesNow.current, pending.current) : null;
      if (time === null) return;
      pending.current = null;
      el.currentTime = time;
    }
    // Whole milliseconds, as the events' times are: a seek to an event's moment shows it.
    const ms = wallClockAt(piecesNow.current, el.currentTime);
    if (ms !== null) setPlayhead(Math.round(ms));
  }, []);

  useEffect(() => {
    const el = media.current;
    if (!el) return;
    const names = ['timeupdate', 'seeking', 'seeked', 'loadedmetadata'] as const;
    for (const name of names) el.addEventListener(name, follow);
    return () => {
      for (const name of names) el.removeEventListener(name, follow);
    };
  }, [follow]);
  useEffect(follow, [pieces, follow]);

  const seek = useCallback(
    (ms: number) => {
      dragging.current = false;
      pending.current = ms;
      setPlayhead(ms);
      follow();
    },
    [follow],
  );
  const preview = useCallback((ms: number) => {
    dragging.current = true;
    setPlayhead(ms);
  }, []);

  const count = fold ? fold.countAt(at) : 0;
  const state = useMemo(() => (fold ? fold.stateAfter(count) : fallback), [fold, count, fallback]);
  const lines = fold ? linesAt(fold.lines, at) : (fallback?.transcript ?? []);
  const current = fold ? (lines.at(-1) ?? null) : null;
  const gaps = useMemo(() => (from !== null ? recordingGaps(pieces, from, to) : []), [pieces, from, to]);
  const passedGap = gaps.find((g) => at >= g.to && at < g.to + GAP_NOTE_MS);
  const gapNote = passedGap
    ? t.replay.gap(formatClock(passedGap.from, { locale, timeZone }), formatClock(passedGap.to, { locale, timeZone }))
    : null;
  const onLine = useCallback((line: Segment) => seek(line.start_ms), [seek]);

  const replay = useMemo(
    () => ({
      url: `/vod/${encodeURIComponent(sessionId)}/master.m3u8`,
      fallback: `/vod/${encodeURIComponent(sessionId)}/index.m3u8`,
      // The server's captions on the replay's clock, once the session has ended; while it runs, the lines as the timeline has them.
      captions: running ? null : `/api/v1/sessions/${encodeURIComponent(sessionId)}/transcript.vtt?clock=program`,
      label: t.replay.status,
      note: gapNote,
      onPieces: setPieces,
      onMissing: () => setMissing(true),
    }),
    [sessionId, t, gapNote, running],
  );

  return (
    <div class="live-layout replay" data-playhead-ms={Math.round(at)} data-items={fold ? count : undefined}>
      <div class="live-layout__stage">
        {missing || timeline.missing ? (
          <section class="notice replay__missing" role="status">
            <p class="notice__text">{t.replay.missing}</p>
            {onBackToLive && (
              <button type="button" class="button button--primary" onClick={onBackToLive}>
                {t.replay.backToLive}
              </button>
            )}
          </section>
        ) : (
          <>
            <VideoPanel
              hall={hall}
              status="replay"
              captionLine={current && at <= current.end_ms + CAPTION_AFTER_MS ? current.text : ''}
              onClock={noClock}
              onClockChange={noClock}
              pageReady
              saver={saver}
              onSaver={onSaver}
              replay={replay}
              media={media}
            />
            {from !== null && (
              <ReplayBar
                from={from}
                to={to}
                at={at}
                marks={fold?.marks ?? []}
                gaps={gaps}
                onPreview={preview}
                onSeek={seek}
                onBackToLive={onBackToLive}
              />
            )}
          </>
        )}
        <TranscriptPanel sessionId={sessionId} segments={lines} onSeek={fold ? onLine : undefined} current={current?.id ?? null} />
      </div>
      <div class="live-layout__side">
        {side}
        {timeline.loading && !fold && (
          <p class="replay__status" role="status">
            {t.replay.loading}
          </p>
        )}
        {timeline.failed && (
          <section class="notice notice--error replay__failed" role="alert">
            <p class="notice__text">{t.replay.failed}</p>
            <button type="button" class="button button--primary" onClick={timeline.retry}>
              {t.error.retry}
            </button>
          </section>
        )}
        {fold && <p class="replay__note">{t.replay.note}</p>}
        <PollsPanel polls={state?.polls ?? {}} ballots={{}} onVote={null} />
        <QuestionsPanel questions={Object.values(state?.questions ?? {})} myVotes={NO_VOTES} meId={null} onVote={null} readOnly />
      </div>
    </div>
  );
}
