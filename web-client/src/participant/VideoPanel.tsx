import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Hall } from '../api/types';
import { streamStatusLabel } from '../i18n';
import { useI18n } from '../i18n/context';
import type { Piece } from '../lib/playhead';
import { attachStream, type Player, type PlayerKind, type PlayerView, type ReplayOptions } from '../lib/player';
import { loadQuality, parseQuality, saveQuality, type Quality } from '../lib/quality';

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
  /** the rest of the page has what it shows first (the questions): the player may load now, not compete with it */
  pageReady: boolean;
  /** «Экономия трафика»: no autoplay, the lowest rung */
  saver: boolean;
  onSaver: (on: boolean) => void;
  /**
   * a session's replay from this address instead of the hall's live stream; the status pill then says `label`;
   * `captions`: its transcript as a WebVTT track on the replay's clock (an ended session), shown instead of `captionLine`
   */
  replay?: ReplayOptions & { url: string; label: string; note: string | null; captions: string | null };
  /** the <video>, for a replay that reads and moves its time */
  media?: RefObject<HTMLVideoElement | null>;
  /** more controls at the start of the row under the picture */
  children?: ComponentChildren;
}

const CLOCK_EVENTS = ['playing', 'pause', 'waiting', 'ended', 'seeked', 'timeupdate'] as const;
const NO_VIEW: PlayerView = { renditions: [], audioOnly: false, playing: null };

/** The picture on screen as an image, to stand still while only the sound plays; null when there is none yet. */
function stillFrame(video: HTMLVideoElement): string | null {
  if (video.videoWidth === 0 || video.videoHeight === 0) return null;
  try {
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')?.drawImage(video, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return null;
  }
}

/** Whether the element has been on screen (once seen, it stays so); at once where IntersectionObserver is missing. */
function useSeen(ref: { current: Element | null }): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    if (typeof IntersectionObserver !== 'function') return setSeen(true);
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}

export function VideoPanel(props: Props) {
  const { hall, status, captionLine, onClock, onClockChange, pageReady, saver, onSaver, replay, children } = props;
  const { t } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const ownVideo = useRef<HTMLVideoElement>(null);
  const video = props.media ?? ownVideo;
  // The replay's callbacks as they are now; the stream is attached once per address.
  const replayNow = useRef(replay);
  replayNow.current = replay;
  const player = useRef<Player | null>(null);
  const [kind, setKind] = useState<PlayerKind | null>(null);
  const [captions, setCaptions] = useState(false);
  const [quality, setQuality] = useState<Quality>(loadQuality);
  const [view, setView] = useState<PlayerView>(NO_VIEW);
  const [still, setStill] = useState<string | null>(null);
  // The quality at the moment the stream is attached; later choices go to the player directly.
  const initialQuality = useRef(quality);
  initialQuality.current = quality;
  const initialSaver = useRef(saver);
  initialSaver.current = saver;
  // The player (hls.js) loads once the participant presses «Смотреть», or by
  // itself when the picture is in view and the page around it has loaded,
  // unless the data saver is on. Once started it stays for this page.
  const seen = useSeen(frame);
  const [started, setStarted] = useState(false);
  const [autoStart, setAutoStart] = useState(true);
  useEffect(() => {
    if (autoStart && !saver && seen && pageReady) setStarted(true);
  }, [autoStart, saver, seen, pageReady]);
  const startNow = () => {
    // Pressing play asks for the sound too (the picture that starts by itself is muted).
    if (video.current) video.current.muted = false;
    setStarted(true);
  };
  // No request while the hall is known to be off air: thousands of phones
  // would poll a playlist that is not there. A `stream` event brings it back.
  const url = replay ? replay.url : status === 'offline' ? null : (hall.stream?.hls ?? null);
  const replaying = Boolean(replay);

  useEffect(() => {
    const el = video.current;
    if (!el || !url || !started) return;
    let cancelled = false;
    const options = {
      quality: initialQuality.current,
      saveData: initialSaver.current,
      onView: (v: PlayerView) => !cancelled && setView(v),
      replay: replaying
        ? {
            fallback: replayNow.current!.fallback,
            onPieces: (pieces: Piece[]) => !cancelled && replayNow.current?.onPieces(pieces),
            onMissing: () => !cancelled && replayNow.current?.onMissing(),
          }
        : undefined,
    };
    attachStream(el, url, options).then(
      (p) => {
        if (cancelled) return p.destroy();
        player.current = p;
        // The saver changed while the player loaded.
        if (initialSaver.current !== options.saveData) p.setSaveData(initialSaver.current);
        setKind(p.kind);
        onClock(p.wallClock);
      },
      () => {
        // The player's code did not arrive (the link dropped): «Смотреть» again, no retry loop.
        if (cancelled) return;
        setStarted(false);
        setAutoStart(false);
      },
    );
    for (const name of CLOCK_EVENTS) el.addEventListener(name, onClockChange);
    return () => {
      cancelled = true;
      for (const name of CLOCK_EVENTS) el.removeEventListener(name, onClockChange);
      onClock(() => null);
      player.current?.destroy();
      player.current = null;
      setView(NO_VIEW);
    };
  }, [url, replaying, started, onClock, onClockChange, video]);

  useEffect(() => player.current?.setSaveData(saver), [saver]);

  // The captions track is fetched only once asked for (a disabled track loads nothing).
  const captionsTrack = replay?.captions ?? null;
  useEffect(() => {
    const track = video.current?.textTracks?.[0];
    if (track) track.mode = captions && captionsTrack ? 'showing' : 'disabled';
  }, [captions, captionsTrack, video]);

  const choose = (next: Quality) => {
    const el = video.current;
    if (next === 'audio' && el) {
      setStill(stillFrame(el));
      // Choosing to listen is asking for sound: the picture starts muted so that it may play by itself.
      el.muted = false;
    }
    setQuality(next);
    saveQuality(next);
    player.current?.setQuality(next);
  };

  const audioMode = quality === 'audio' && view.audioOnly;
  const label = replay?.label ?? streamStatusLabel(t, status) ?? status;
  const note = replay ? replay.note : status === 'slate' ? t.video.slateNote : status === 'offline' ? t.video.offlineNote : null;
  const playingLabel = typeof view.playing === 'number' ? t.video.rung(view.playing) : null;
  return (
    <section class="video" aria-label={t.video.label(hall.name)}>
      <div ref={frame} class={`video__frame video__frame--${status}${audioMode ? ' video__frame--audio' : ''}`}>
        <video
          ref={video}
          class="video__media"
          data-player={kind ?? undefined}
          data-playing={view.playing ?? undefined}
          muted
          autoPlay={!saver}
          playsInline
          controls={started}
          preload={started ? 'auto' : 'none'}
        >
          {captionsTrack && <track kind="captions" src={captionsTrack} label={t.video.captions} />}
        </video>
        {!started && url && (
          <div class="video__start">
            <button type="button" class="button button--primary video__start-button" onClick={startNow}>
              <span aria-hidden="true">▶</span> {t.video.start}
            </button>
            {saver && <p class="video__start-note">{t.video.saverNote}</p>}
          </div>
        )}
        {audioMode && (
          <div class="video__still">
            {still && <img src={still} alt="" />}
            <p class="video__still-note">{t.video.audioOnlyNote}</p>
          </div>
        )}
        <p class={`video__status stream-status stream-status--${status}`} role="status">
          <span class="stream-status__dot" aria-hidden="true" />
          {label}
        </p>
        {note && <p class="video__note">{note}</p>}
        {captions && captionLine && !captionsTrack && (
          // The transcript below carries the same words for screen readers.
          <p class="video__captions" aria-hidden="true">
            {captionLine}
          </p>
        )}
      </div>
      <div class="video__tools">
        {children}
        {(view.renditions.length > 1 || view.audioOnly) && (
          <label class="video__quality">
            <span>{t.video.quality}</span>
            <select value={String(quality)} onChange={(e) => choose(parseQuality((e.target as HTMLSelectElement).value))}>
              <option value="auto">{quality === 'auto' && playingLabel ? t.video.autoPlaying(playingLabel) : t.video.auto}</option>
              {view.renditions.map((r) => (
                <option key={r.height} value={String(r.height)}>
                  {t.video.rung(r.height)}
                </option>
              ))}
              {view.audioOnly && <option value="audio">{t.video.audioOnly}</option>}
            </select>
          </label>
        )}
        <button type="button" class="chip" aria-pressed={saver} onClick={() => onSaver(!saver)}>
          {t.saver.toggle}
        </button>
        <button type="button" class="chip" aria-pressed={captions} onClick={() => setCaptions(!captions)}>
          {t.video.captions}
        </button>
      </div>
    </section>
  );
}
