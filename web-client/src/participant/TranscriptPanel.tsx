import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import type { Segment } from '../lib/protocol';
import { formatClock } from '../lib/time';

/** How often a screen reader hears how many lines came in (never each line, never each keystroke). */
export const SUMMARY_EVERY_MS = 20_000;
const SHOWN = 100;

interface Props {
  sessionId: string;
  segments: readonly Segment[];
  /** a replay: each line is a button that plays the recording from it */
  onSeek?: (line: Segment) => void;
  /** the replay's line being heard */
  current?: string | null;
}

/**
 * The live transcript: final lines, then the line being typed. The list is
 * not a live region; a separate polite status sums up new lines now and then
 * (not in a replay, where the participant moves through the lines).
 */
export function TranscriptPanel({ sessionId, segments, onSeek, current = null }: Props) {
  const { t, locale, timeZone } = useI18n();
  const finals = segments.filter((s) => s.final);
  const partial = segments.filter((s) => !s.final && s.text.trim() !== '').at(-1) ?? null;
  const box = useRef<HTMLDivElement>(null);
  const stickToEnd = useRef(true);

  // Follow the newest line unless the reader scrolled back.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && stickToEnd.current) el.scrollTop = el.scrollHeight;
  });

  const seen = useRef(new Set<string>());
  const unannounced = useRef(0);
  const [summary, setSummary] = useState('');
  useEffect(() => {
    for (const s of finals) {
      if (!seen.current.has(s.id)) {
        seen.current.add(s.id);
        unannounced.current++;
      }
    }
  });
  useEffect(() => {
    unannounced.current = 0; // the lines present at load are not news
    const timer = setInterval(() => {
      if (unannounced.current === 0 || onSeek) return;
      setSummary(t.transcript.newLines(unannounced.current));
      unannounced.current = 0;
    }, SUMMARY_EVERY_MS);
    return () => clearInterval(timer);
  }, [t, onSeek]);

  const base = `/api/v1/sessions/${encodeURIComponent(sessionId)}/transcript`;
  return (
    <section class="card transcript" aria-labelledby="transcript-title">
      <h2 id="transcript-title" class="card__title">
        {t.transcript.heading}
      </h2>
      <div
        class="transcript__box"
        ref={box}
        tabIndex={0}
        aria-labelledby="transcript-title"
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {finals.length === 0 && !partial && <p class="transcript__empty">{t.transcript.empty}</p>}
        <ol class="transcript__lines">
          {finals.slice(-SHOWN).map((s) =>
            onSeek ? (
              <li key={s.id} class="transcript__line" lang={s.lang ?? undefined} aria-current={s.id === current || undefined}>
                <button type="button" class="transcript__seek" aria-describedby="transcript-seek-hint" onClick={() => onSeek(s)}>
                  <time class="transcript__time" dateTime={new Date(s.start_ms).toISOString()}>
                    {formatClock(s.start_ms, { locale, timeZone })}
                  </time>{' '}
                  {s.speaker && <span class="transcript__speaker">{s.speaker}: </span>}
                  {s.text}
                </button>
              </li>
            ) : (
              <li key={s.id} class="transcript__line" lang={s.lang ?? undefined}>
                {s.speaker && <span class="transcript__speaker">{s.speaker}: </span>}
                {s.text}
              </li>
            ),
          )}
          {partial && (
            <li key={partial.id} class="transcript__line transcript__line--partial" lang={partial.lang ?? undefined}>
              {partial.speaker && <span class="transcript__speaker">{partial.speaker}: </span>}
              {partial.text}
            </li>
          )}
        </ol>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">
        {summary}
      </p>
      {onSeek && (
        <p id="transcript-seek-hint" class="visually-hidden">
          {t.replay.seekHint}
        </p>
      )}
      <p class="transcript__download">
        {t.transcript.download}: <a href={`${base}.vtt`} download>WebVTT</a> · <a href={`${base}.json`}>JSON</a>
      </p>
    </section>
  );
}
