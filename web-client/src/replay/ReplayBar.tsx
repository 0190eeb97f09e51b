import { useI18n } from '../i18n/context';
import type { Gap } from '../lib/playhead';
import type { ReplayMark } from '../lib/replay';
import { formatClock } from '../lib/time';

interface Props {
  /** the replay's range and the moment shown, wall clock (ms) */
  from: number;
  to: number;
  at: number;
  marks: readonly ReplayMark[];
  gaps: readonly Gap[];
  /** the scrubber is being dragged: show that moment, the video follows on release */
  onPreview: (ms: number) => void;
  onSeek: (ms: number) => void;
  /** a running session: back to its live picture */
  onBackToLive: (() => void) | null;
}

const STEP_MS = 1_000;

/** "1:02:03" or "2:03": a length of time, as players show it */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * The replay's scrubber, on the hall's wall clock: marks where a question was
 * put on stage or a poll opened (select one to go there), the stretches the
 * recording lacks hatched, and the same moments as a list for keyboards and
 * screen readers.
 */
export function ReplayBar({ from, to, at, marks, gaps, onPreview, onSeek, onBackToLive }: Props) {
  const { t, locale, timeZone } = useI18n();
  const span = Math.max(to - from, STEP_MS);
  const clamp = (ms: number) => Math.min(Math.max(ms, from), from + span);
  const place = (ms: number) => `${((clamp(ms) - from) * 100) / span}%`;
  const clock = (ms: number) => formatClock(ms, { locale, timeZone });
  const elapsed = formatDuration(clamp(at) - from);
  const total = formatDuration(span);
  const valueOf = (e: Event) => from + Number((e.currentTarget as HTMLInputElement).value);
  const markLabel = (m: ReplayMark) => (m.kind === 'highlight' ? t.replay.highlight(m.text) : t.replay.poll(m.text));
  const moments = [
    ...marks.map((m) => ({ at: m.at_ms, label: markLabel(m), seek: true })),
    ...gaps.map((g) => ({ at: g.from, label: t.replay.gap(clock(g.from), clock(g.to)), seek: false })),
  ].sort((a, b) => a.at - b.at);

  return (
    <div class="replay-bar" data-from={from} data-to={to}>
      <div class="replay-bar__track">
        {gaps.map((g) => (
          <span key={g.from} class="replay-bar__gap" title={t.replay.gap(clock(g.from), clock(g.to))} style={{ left: place(g.from), width: `${((clamp(g.to) - clamp(g.from)) * 100) / span}%` }} />
        ))}
        <input
          type="range"
          class="replay-bar__range"
          aria-label={t.replay.position}
          aria-valuetext={t.replay.positionText(elapsed, total, clock(at))}
          min={0}
          max={span}
          step={STEP_MS}
          value={clamp(at) - from}
          onInput={(e) => onPreview(valueOf(e))}
          onChange={(e) => onSeek(valueOf(e))}
        />
        {marks.map((m) => (
          // The list below offers the same moments to keyboards and screen readers.
          <button
            key={`${m.kind}-${m.at_ms}`}
            type="button"
            class={`replay-bar__mark replay-bar__mark--${m.kind}`}
            aria-hidden="true"
            tabIndex={-1}
            title={`${clock(m.at_ms)} ${markLabel(m)}`}
            data-at={m.at_ms}
            style={{ left: place(m.at_ms) }}
            onClick={() => onSeek(m.at_ms)}
          />
        ))}
      </div>
      <div class="replay-bar__row">
        <p class="replay-bar__time">
          <span>
            {elapsed} / {total}
          </span>
          <time class="replay-bar__clock" dateTime={new Date(at).toISOString()}>
            {clock(at)}
          </time>
        </p>
        {onBackToLive && (
          <button type="button" class="chip replay-bar__live" onClick={onBackToLive}>
            <span class="stream-status__dot" aria-hidden="true" /> {t.replay.backToLive}
          </button>
        )}
      </div>
      {moments.length > 0 && (
        <details class="replay-bar__moments">
          <summary>
            {t.replay.moments} <span class="count">{moments.length}</span>
          </summary>
          <ol class="replay-bar__list">
            {moments.map((m) => (
              <li key={`${m.at}-${m.label}`} class={m.seek ? undefined : 'replay-bar__list-gap'}>
                {m.seek ? (
                  <button type="button" class="replay-bar__moment" onClick={() => onSeek(m.at)}>
                    <time dateTime={new Date(m.at).toISOString()}>{clock(m.at)}</time> {m.label}
                  </button>
                ) : (
                  m.label
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
