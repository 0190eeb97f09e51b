import { useEffect, useRef, useState } from 'preact/hooks';
import type { Hall } from '../api/types';
import { streamStatusLabel } from '../i18n';
import { useI18n } from '../i18n/context';
import { attachStream, type PlayerKind } from '../lib/player';

interface Props {
  hall: Hall;
  /** live | slate | offline */
  status: string;
  /** the line shown over the picture when captions are on */
  captionLine: string;
  /** hands the wall clock of the frame on screen to the event scheduler */
  onClock: (clock: () => number | null) => void;
  /** the video started, stopped or moved */
  onClockChange: () => void;
}

const CLOCK_EVENTS = ['playing', 'pause', 'waiting', 'ended', 'seeked', 'timeupdate'] as const;

export function VideoPanel({ hall, status, captionLine, onClock, onClockChange }: Props) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [kind, setKind] = useState<PlayerKind | null>(null);
  const [captions, setCaptions] = useState(false);
  // No request while the hall is known to be off air: thousands of phones
  // would poll a playlist that is not there. A `stream` event brings it back.
  const url = status === 'offline' ? null : (hall.stream?.hls ?? null);

  useEffect(() => {
    const el = video.current;
    if (!el || !url) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    attachStream(el, url).then((player) => {
      if (cancelled) return player.destroy();
      destroy = player.destroy;
      setKind(player.kind);
      onClock(player.wallClock);
    });
    for (const name of CLOCK_EVENTS) el.addEventListener(name, onClockChange);
    return () => {
      cancelled = true;
      for (const name of CLOCK_EVENTS) el.removeEventListener(name, onClockChange);
      onClock(() => null);
      destroy?.();
    };
  }, [url, onClock, onClockChange]);

  const label = streamStatusLabel(t, status) ?? status;
  const note = status === 'slate' ? t.video.slateNote : status === 'offline' ? t.video.offlineNote : null;
  return (
    <section class="video" aria-label={t.video.label(hall.name)}>
      <div class={`video__frame video__frame--${status}`}>
        <video
          ref={video}
          class="video__media"
          data-player={kind ?? undefined}
          muted
          autoPlay
          playsInline
          controls
          preload="auto"
        />
        <p class={`video__status stream-status stream-status--${status}`} role="status">
          <span class="stream-status__dot" aria-hidden="true" />
          {label}
        </p>
        {note && <p class="video__note">{note}</p>}
        {captions && captionLine && (
          // The transcript below carries the same words for screen readers.
          <p class="video__captions" aria-hidden="true">
            {captionLine}
          </p>
        )}
      </div>
      <div class="video__tools">
        <button type="button" class="chip" aria-pressed={captions} onClick={() => setCaptions(!captions)}>
          {t.video.captions}
        </button>
      </div>
    </section>
  );
}
