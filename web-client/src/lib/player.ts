// Plays a hall's HLS stream in a <video> and tells the wall-clock time of the
// frame on screen (EXT-X-PROGRAM-DATE-TIME), which the event scheduler
// follows. Safari plays HLS natively and knows the programme date
// (`getStartDate`); elsewhere hls.js does it over Media Source Extensions.

export interface Player {
  /** wall-clock ms of the frame on screen while the video plays; null when paused, stalled or unknown */
  wallClock(): number | null;
  destroy(): void;
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

/**
 * Attaches the stream. Network failures (a hall that is offline answers 404)
 * are retried every few seconds for as long as the player lives, so the
 * picture comes back by itself.
 */
export async function attachStream(video: HTMLVideoElement, url: string): Promise<Player & { kind: PlayerKind }> {
  const autoplay = () => void video.play().catch(() => undefined);

  const playing = motionWatch(video);
  if (nativeHlsWithClock(video)) {
    video.src = url;
    autoplay();
    return {
      kind: 'native',
      wallClock: () => {
        if (!playing()) return null;
        const start = (video as NativeHlsVideo).getStartDate!().getTime();
        return Number.isFinite(start) ? start + video.currentTime * 1000 : null;
      },
      destroy: () => {
        video.removeAttribute('src');
        video.load();
      },
    };
  }

  // Loaded only here: the agenda and the staff pages never pay for it.
  const { default: Hls } = await import('hls.js');
  if (!Hls.isSupported()) {
    if (video.canPlayType(HLS_TYPE) !== '') {
      video.src = url;
      autoplay();
      return { kind: 'native', wallClock: () => null, destroy: () => video.removeAttribute('src') };
    }
    return { kind: 'none', wallClock: () => null, destroy: () => undefined };
  }

  const hls = new Hls({ enableWorker: true, lowLatencyMode: false, backBufferLength: 30 });
  let retry: ReturnType<typeof setTimeout> | null = null;
  hls.on(Hls.Events.MANIFEST_PARSED, autoplay);
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal || retry !== null) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      hls.recoverMediaError();
      return;
    }
    retry = setTimeout(() => {
      retry = null;
      hls.loadSource(url);
      hls.startLoad();
    }, RETRY_MS);
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  return {
    kind: 'hls.js',
    wallClock: () => (playing() ? (hls.playingDate?.getTime() ?? null) : null),
    destroy: () => {
      if (retry !== null) clearTimeout(retry);
      hls.destroy();
    },
  };
}
