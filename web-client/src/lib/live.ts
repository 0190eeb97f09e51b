// One live forum session over one connection: the connection, the event
// scheduler and the store wired together, framework-free. Pages hold one
// LiveSession, listen to it and render `value`.
import { Connection, defaultSocketUrl, type ConnectionStatus, type SocketFactory } from './connection';
import { isObject, type Ack, type Request, type Welcome } from './protocol';
import { EventScheduler } from './scheduler';
import { applyLocal, applyMessage, initialState, type LocalAction, type SessionState } from './store';

export interface LiveValue {
  state: SessionState;
  status: ConnectionStatus;
  /** who the server says we are, after the first welcome */
  me: Welcome['you'] | null;
  /** the last error the server sent that answered no request (e.g. refusing the subscription) */
  error: { code: string; message: string } | null;
}

export interface LiveSessionOptions {
  sessionId: string;
  token: () => string | null;
  url?: string;
  socketFactory?: SocketFactory;
  /** false for a client that only sends (the captioner): no subscription */
  subscribe?: boolean;
  /** a state kept from an earlier visit (lib/offline.ts): shown at once, and resumed from its seq with `since` */
  initial?: SessionState;
  requestTimeoutMs?: number;
  backoffBaseMs?: number;
  random?: () => number;
}

export class LiveSession {
  private current: LiveValue;
  private readonly listeners = new Set<(value: LiveValue) => void>();
  private readonly connection: Connection;
  private readonly scheduler: EventScheduler;
  private videoTime: () => number | null = () => null;
  /** the highest seq received (held events included): what `since` resumes from */
  private receivedSeq = 0;
  private notifyQueued = false;

  constructor(private readonly options: LiveSessionOptions) {
    this.current = { state: options.initial ?? initialState(options.sessionId), status: 'stopped', me: null, error: null };
    this.receivedSeq = options.initial?.seq ?? 0;
    this.scheduler = new EventScheduler({
      videoTime: () => this.videoTime(),
      deliver: (message) => this.update({ state: applyMessage(this.current.state, message) }),
    });
    this.connection = new Connection({
      url: options.url ?? defaultSocketUrl(),
      token: options.token,
      socketFactory: options.socketFactory,
      requestTimeoutMs: options.requestTimeoutMs,
      backoffBaseMs: options.backoffBaseMs,
      random: options.random,
      onStatus: (status) => this.update({ status }),
      onWelcome: (welcome) => this.welcomed(welcome),
      onMessage: (message) => this.received(message),
    });
  }

  get value(): LiveValue {
    return this.current;
  }

  listen(listener: (value: LiveValue) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.connection.start();
  }

  stop(): void {
    this.connection.stop();
    this.scheduler.dispose();
  }

  retryNow(): void {
    this.connection.retryNow();
  }

  request(message: Request): Promise<Ack> {
    return this.connection.request(message);
  }

  send(message: Request): boolean {
    return this.connection.send(message);
  }

  local(action: LocalAction): void {
    this.update({ state: applyLocal(this.current.state, action) });
  }

  /**
   * The clock of the video on screen (wall-clock ms, or null while the
   * participant is not watching). Events wait for it; null releases them all.
   */
  setVideoClock(videoTime: () => number | null): void {
    this.videoTime = videoTime;
    this.videoClockChanged();
  }

  /** Call when the video moved, started or stopped. */
  videoClockChanged(): void {
    if (this.videoTime() === null) this.scheduler.flush();
    else this.scheduler.release();
  }

  /** Events waiting for the video. */
  get held(): number {
    return this.scheduler.pending;
  }

  private welcomed(welcome: Welcome): void {
    this.update({ me: welcome.you, error: null });
    if (this.options.subscribe === false) return;
    const since = this.current.state.ready || this.receivedSeq > 0 ? this.receivedSeq : undefined;
    this.connection.send({ type: 'subscribe', session: this.options.sessionId, ...(since !== undefined ? { since } : {}) });
  }

  private received(message: unknown): void {
    if (!isObject(message)) return;
    if (message.type === 'error') {
      this.update({ error: { code: String(message.code ?? ''), message: String(message.message ?? '') } });
      return;
    }
    if (message.session !== this.options.sessionId && !(isObject(message.session) && message.session.id === this.options.sessionId)) {
      return; // another session's traffic (e.g. after switching)
    }
    if ((message.type === 'event' || message.type === 'snapshot' || message.type === 'subscribed') && typeof message.seq === 'number') {
      this.receivedSeq = message.type === 'snapshot' ? message.seq : Math.max(this.receivedSeq, message.seq);
    }
    this.scheduler.push(message);
  }

  private update(patch: Partial<LiveValue>): void {
    this.current = { ...this.current, ...patch };
    if (this.notifyQueued) return;
    // Many events in one batch make one render.
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const listener of this.listeners) listener(this.current);
    });
  }
}
