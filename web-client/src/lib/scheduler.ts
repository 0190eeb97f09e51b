// Keeps a watching participant in step with the video. Every event carries
// `at_ms`, the server's wall clock at commit; HLS carries the wall-clock time
// of the frame on screen (EXT-X-PROGRAM-DATE-TIME). While the video plays a
// few seconds behind the room, events wait until the picture reaches them, so
// a question is highlighted when the moderator is seen highlighting it, not
// before. Someone not watching gets every event at once.
//
// Events stay in arrival (seq) order: one held event holds the ones behind it,
// because the store applies them as upserts in order.
import { isObject } from './protocol';

export interface SchedulerOptions {
  /** the wall-clock time (ms since the epoch) of the frame on screen, or null when nobody watches */
  videoTime: () => number | null;
  /** receives each message when it is due */
  deliver: (message: unknown) => void;
  /** never hold an event longer than this after it arrived (a wrong clock must not freeze the page) */
  maxHoldMs?: number;
  /** how often to look at the video clock while events wait */
  pollMs?: number;
  now?: () => number;
}

interface Held {
  message: Record<string, unknown>;
  atMs: number;
  receivedAt: number;
}

export const DEFAULT_MAX_HOLD_MS = 30_000;

export class EventScheduler {
  private readonly queue: Held[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly options: Required<SchedulerOptions>;

  constructor(options: SchedulerOptions) {
    this.options = { maxHoldMs: DEFAULT_MAX_HOLD_MS, pollMs: 200, now: () => Date.now(), ...options };
  }

  /** Number of events waiting for the video. */
  get pending(): number {
    return this.queue.length;
  }

  /** One message from the server (a batch already unpacked). */
  push(message: unknown): void {
    if (!isObject(message)) return;
    if (message.type === 'snapshot') {
      // The snapshot already holds every change up to its seq.
      const seq = typeof message.seq === 'number' ? message.seq : Infinity;
      for (let i = this.queue.length - 1; i >= 0; i--) {
        if ((this.queue[i]!.message.seq as number) <= seq) this.queue.splice(i, 1);
      }
      this.options.deliver(message);
      return;
    }
    if (message.type !== 'event' || typeof message.at_ms !== 'number') {
      this.options.deliver(message);
      return;
    }
    this.queue.push({ message, atMs: message.at_ms, receivedAt: this.options.now() });
    this.release();
  }

  /** Delivers what is due; call when the video clock moves or stops. */
  release(): void {
    const videoTime = this.options.videoTime();
    const now = this.options.now();
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const due = videoTime === null || head.atMs <= videoTime || now - head.receivedAt >= this.options.maxHoldMs;
      if (!due) break;
      this.queue.shift();
      this.options.deliver(head.message);
    }
    this.schedule();
  }

  /** Delivers everything at once (the viewer stopped watching). */
  flush(): void {
    while (this.queue.length > 0) this.options.deliver(this.queue.shift()!.message);
    this.schedule();
  }

  dispose(): void {
    this.queue.length = 0;
    this.schedule();
  }

  private schedule(): void {
    if (this.queue.length === 0) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      return;
    }
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.release();
    }, this.options.pollMs);
  }
}
