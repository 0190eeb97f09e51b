// Plays a hall's HLS stream in a <video> and tells the wall-clock time of the
// frame on screen (EXT-X-PROGRAM-DATE-TIME), which the event scheduler
// follows. The stream is the hall's multivariant playlist (its ladder,
// contract 7.4): the player climbs and falls between the rungs by the link
// and the screen, or keeps the one the participant chose, or plays the sound
// alone. Safari plays HLS natively and knows the programme date
// (`getStartDate`); elsewhere hls.js does it over Media Source Extensions.
// A session's replay (/vod/) plays the same way from its start, and tells the
// recording's segments with their dates (lib/playhead.ts).
import type { Piece } from './playhead';
import { lowestRendition, parseMaster, renditionFor, type Ladder, type Quality } from './quality';

export interface PlayerView {
  /** the picture rungs, tallest first (empty until the stream is known) */
  renditions: { height: number; width: number; bandwidth: number }[];
  /** the hall offers its sound alone */
  audioOnly: boolean;
  /** what plays now: a rung's height, the sound alone, or nothing yet */
  playing: number | 'audio' | null;
}

export interface Player {
  /** wall-clock ms of the frame on screen while the video plays; null when paused, stalled or unknown */
  wallClock(): number | null;
  /** switches at once; the sound alone (and back) reloads the stream */
  setQuality(quality: Quality): void;
  /** the data saver: 'auto' keeps to the lowest rung (a rung or the sound alone chosen by name still plays) */
  setSaveData(on: boolean): void;
  destroy(): void;
}

export interface AttachOptions {
  quality?: Quality;
  /** the data saver at the start (see Player.setSaveData) */
  saveData?: boolean;
  /** told whenever the rungs or the one playing change */
  onView?: (view: PlayerView) => void;
  /** a session's replay rather than the hall's live stream */
  replay?: ReplayOptions;
}

export interface ReplayOptions {
  /** played when the first address has no playlist (a hall without a ladder has no master) */
  fallback: string;
  /** the recording's segments, each time its playlist is read (it grows while the session runs) */
  onPieces: (pieces: Piece[]) => void;
  /** neither address has a playlist: there is no recording */
  onMissing: () => void;
}

export type PlayerKind = 'native' | 'hls.js' | 'none';

interface NativeHlsVideo extends HTMLVideoElement {
  getStartDate?: () => Date;
}

const HLS_TYPE = 'application/vnd.apple.mpegurl';

/** A picture that has not moved for this long is frozen, not watched. */
export const STALL_MS = 1_500;

/**
 * Whether frames are moving: only then is the participant "watching" and do
 * events wait for the picture. A stalled stream (a network hiccup, a server
 * restart) must not hold events back at its frozen clock.
 */
export function motionWatch(video: HTMLVideoElement, now: () => number = () => performance.now()): () => boolean {
  let lastTime = -1;
  let lastMoved = 0;
  return () => {
    if (video.paused || video.ended || video.readyState < 3) return false;
    if (video.currentTime !== lastTime) {
      lastTime = video.currentTime;
      lastMoved = now();
    }
    return now() - lastMoved < STALL_MS;
  };
}

function nativeHlsWithClock(video: HTMLVideoElement): boolean {
  return video.canPlayType(HLS_TYPE) !== '' && typeof (video as NativeHlsVideo).getStartDate === 'function';
}

const RETRY_MS = 4_000;

/** A phone starts on the lowest rung and climbs as the link allows. */
function onPhone(): boolean {
  const query = (q: string) => typeof matchMedia === 'function' && matchMedia(q).matches;
  return query('(pointer: coarse)') || query('(max-width: 640px)');
}

/**
 * Attaches the stream. Network failures (a hall that is offline answers 404)
 * are retried every few seconds for as long as the player lives, so the
 * picture comes back by itself.
 */
export async function attachStream(
  video: HTMLVideoElement,
  url: string,
  options: AttachOptions = {},
): Promise<Player & { kind: PlayerKind }> {
  const autoplay = () => void video.play().catch(() => undefined);

  if (nativeHlsWithClock(video)) return { kind: 'native', ...(await nativePlayer(video, url, options, autoplay)) };

  // Loaded only here: the agenda and the staff pages never pay for it.
  const { default: Hls } = await import('hls.js/light');
  if (!Hls.isSupported()) {
    if (video.canPlayType(HLS_TYPE) !== '') {
      video.src = url;
      autoplay();
      return { kind: 'native', wallClock: () => null, ...NO_CHOICES, destroy: () => video.removeAttribute('src') };
    }
    return { kind: 'none', wallClock: () => null, ...NO_CHOICES, destroy: () => undefined };
  }
  return { kind: 'hls.js', ...hlsJsPlayer(Hls, video, url, options, autoplay) };
}

/** A player that plays whatever the browser picks. */
const NO_CHOICES: Pick<Player, 'setQuality' | 'setSaveData'> = { setQuality: () => undefined, setSaveData: () => undefined };

type HlsClass = typeof import('hls.js').default;
type HlsInstance = InstanceType<HlsClass>;

function hlsJsPlayer(Hls: HlsClass, video: HTMLVideoElement, first: string, options: AttachOptions, autoplay: () => void): Player {
  const replay = options.replay;
  let master = first;
  const playing = motionWatch(video);
  const view: PlayerView = { renditions: [], audioOnly: false, playing: null };
  const notify = () => options.onView?.({ ...view, renditions: [...view.renditions] });
  let quality: Quality = options.quality ?? 'auto';
  let saveData = options.saveData ?? false;
  let audioUrl: string | null = null;
  let hls: HlsInstance | null = null;
  let source = master;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;

  const levelOf = (h: HlsInstance, q: Quality) => (q === 'auto' && saveData ? lowestRendition(h.levels) : renditionFor(q, h.levels));

  const start = (url: string) => {
    if (destroyed) return;
    if (retry !== null) clearTimeout(retry);
    retry = null;
    hls?.destroy();
    source = url;
    const h = new Hls({
      enableWorker: true,
      lowLatencyMode: false,
      backBufferLength: 30,
      // No more pixels than the player shows; on a phone (or with the data saver), start low (levels go up from 0).
      capLevelToPlayerSize: true,
      ...(onPhone() || saveData ? { startLevel: 0 } : {}),
      // A replay starts at its beginning, also while the session runs (an EVENT playlist hls.js would join at its end).
      ...(replay ? { startPosition: 0 } : {}),
    });
    hls = h;
    h.on(Hls.Events.MANIFEST_LOADED, (_event, data) => {
      if (url !== master) return;
      // hls.js drops an audio-only variant beside video ones: keep its address for the sound alone.
      const audio = data.levels.find((l) => !l.videoCodec && !(l.width && l.height) && Boolean(l.audioCodec));
      audioUrl = audio?.url ?? null;
      view.audioOnly = audioUrl !== null;
    });
    h.on(Hls.Events.MANIFEST_PARSED, () => {
      // hls.js parses the levels while it still announces the manifest: decide once both are known.
      queueMicrotask(() => {
        if (hls !== h) return;  // replaced meanwhile
        if (url === master) {
          view.renditions = h.levels
            .map((l) => ({ height: l.height, width: l.width, bandwidth: l.bitrate }))
            .sort((a, b) => b.height - a.height);
          if (quality === 'audio' && audioUrl) return start(audioUrl);
          const level = levelOf(h, quality);
          if (level !== null) h.currentLevel = level;
        }
        notify();
        autoplay();
      });
    });
    h.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => {
      view.playing = url === master ? (h.levels[data.level]?.height ?? null) : 'audio';
      notify();
    });
    if (replay) {
      h.on(Hls.Events.LEVEL_UPDATED, (_event, data) =>
        replay.onPieces(
          data.details.fragments
            .filter((f) => f.programDateTime !== null)
            .map((f) => ({ start: f.start, duration: f.duration, pdt: f.programDateTime! })),
        ),
      );
    }
    h.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal || retry !== null) return;
      if (replay && data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR && data.response?.code === 404) {
        if (url === master && master !== replay.fallback) {
          master = replay.fallback;
          return start(master);
        }
        return replay.onMissing();
      }
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
        h.recoverMediaError();
        return;
      }
      retry = setTimeout(() => {
        retry = null;
        h.loadSource(source);
        h.startLoad();
      }, RETRY_MS);
    });
    h.loadSource(url);
    h.attachMedia(video);
  };

  start(master);
  return {
    wallClock: () => (playing() ? (hls?.playingDate?.getTime() ?? null) : null),
    setQuality: (next) => {
      quality = next;
      if (next === 'audio') {
        if (audioUrl && source !== audioUrl) start(audioUrl);
      } else if (source !== master) {
        start(master);
      } else if (hls) {
        hls.currentLevel = levelOf(hls, next) ?? -1;
      }
    },
    setSaveData: (on) => {
      saveData = on;
      if (quality === 'auto' && hls && source === master) hls.currentLevel = levelOf(hls, 'auto') ?? -1;
    },
    destroy: () => {
      destroyed = true;
      if (retry !== null) clearTimeout(retry);
      hls?.destroy();
      hls = null;
    },
  };
}

async function nativePlayer(video: HTMLVideoElement, first: string, options: AttachOptions, autoplay: () => void): Promise<Player> {
  const playing = motionWatch(video);
  const replay = options.replay;
  let master = first;
  let ladder: Ladder = { renditions: [], audioUrl: null };
  try {
    let response = await fetch(master);
    if (replay && response.status === 404) {
      master = replay.fallback;
      response = await fetch(master);
      if (response.status === 404) replay.onMissing();
    }
    if (response.ok) ladder = parseMaster(await response.text(), response.url || new URL(master, location.href).href);
  } catch {
    /* the player reads the master itself; the menu then offers Auto only */
  }
  let quality: Quality = options.quality ?? 'auto';
  let saveData = options.saveData ?? false;
  const view: PlayerView = {
    renditions: ladder.renditions.map(({ height, width, bandwidth }) => ({ height, width, bandwidth })),
    audioOnly: ladder.audioUrl !== null,
    playing: null,
  };
  const notify = () => options.onView?.({ ...view, renditions: [...view.renditions] });
  const sourceFor = (q: Quality) => {
    if (q === 'audio' && ladder.audioUrl) return ladder.audioUrl;
    const index = q === 'auto' && saveData ? lowestRendition(ladder.renditions) : renditionFor(q, ladder.renditions);
    return index === null ? master : (ladder.renditions[index]?.url ?? master);
  };
  const onSize = () => {
    view.playing = quality === 'audio' && ladder.audioUrl ? 'audio' : video.videoHeight || null;
    notify();
  };
  // The replay's segments from the playlist the video plays (Safari exposes none); again as it grows.
  // The parser comes with the replay's code, which is loaded by then.
  const readPieces = () => {
    const playlist = ladder.renditions[0]?.url ?? master;
    Promise.all([fetch(playlist).then((r) => (r.ok ? r.text() : '')), import('./playhead')])
      .then(([text, { parseMediaPlaylist }]) => replay?.onPieces(parseMediaPlaylist(text)))
      .catch(() => undefined);
  };
  video.addEventListener('resize', onSize);
  video.addEventListener('loadedmetadata', onSize);
  if (replay) video.addEventListener('durationchange', readPieces);
  const load = () => {
    video.src = sourceFor(quality);
    autoplay();
  };
  load();
  notify();
  return {
    wallClock: () => {
      if (!playing()) return null;
      const start = (video as NativeHlsVideo).getStartDate!().getTime();
      return Number.isFinite(start) ? start + video.currentTime * 1000 : null;
    },
    setQuality: (next) => {
      const before = sourceFor(quality);
      quality = next;
      if (sourceFor(quality) !== before) load();
    },
    setSaveData: (on) => {
      const before = sourceFor(quality);
      saveData = on;
      if (sourceFor(quality) !== before) load();
    },
    destroy: () => {
      video.removeEventListener('resize', onSize);
      video.removeEventListener('loadedmetadata', onSize);
      video.removeEventListener('durationchange', readPieces);
      video.removeAttribute('src');
      video.load();
    },
  };
}
