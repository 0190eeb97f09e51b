// The WebSocket to `/ws`: hello, replies matched by `rid`, and reconnection.
// It knows nothing of sessions: the owner subscribes in `onWelcome`, which
// runs after every (re)connect, with the `since` it has reached.
import { randomId } from './ids';
import { isObject, type Ack, type Request, type ServerError, type Welcome } from './protocol';

export type ConnectionStatus =
  /** opening the socket or waiting for `welcome` */
  | 'connecting'
  /** welcomed: requests flow */
  | 'online'
  /** lost; a retry is scheduled */
  | 'offline'
  /** the server refused the token (close 4401): a new one is needed */
  | 'unauthorized'
  | 'stopped';

/** The part of the browser's WebSocket this class uses, so tests can hand in a fake. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_TOO_SLOW = 4408;

export class RequestError extends Error {
  /** a contract error code, or `timeout` */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
  }
}

export interface ConnectionOptions {
  url: string;
  /** read at every connect, so a renewed token is used at once */
  token: () => string | null;
  /** every message that is not a reply to a request, batches unpacked, in order */
  onMessage: (message: unknown) => void;
  /** after each welcome: subscribe here */
  onWelcome?: (welcome: Welcome) => void;
  onStatus?: (status: ConnectionStatus) => void;
  socketFactory?: SocketFactory;
  requestTimeoutMs?: number;
  /** the server must welcome within this time, else the socket is dropped and retried */
  helloTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time
 * up to base·2ⁿ (capped), so a thousand phones that lost the venue Wi-Fi
 * together do not come back in one wave.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(baseMs / 2 + random() * Math.max(0, ceiling - baseMs / 2));
}

interface Pending {
  frame: string;
  resolve: (ack: Ack) => void;
  reject: (error: RequestError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** The URL of `/ws` on the page's own server. */
export function defaultSocketUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws`;
}

export class Connection {
  private socket: SocketLike | null = null;
  private statusValue: ConnectionStatus = 'stopped';
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private helloTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly ridPrefix = randomId(8);
  private ridCounter = 0;
  private readonly opts: Required<Omit<ConnectionOptions, 'onWelcome' | 'onStatus'>> &
    Pick<ConnectionOptions, 'onWelcome' | 'onStatus'>;

  constructor(options: ConnectionOptions) {
    this.opts = {
      socketFactory: (url) => new WebSocket(url) as unknown as SocketLike,
      requestTimeoutMs: 15_000,
      helloTimeoutMs: 10_000,
      backoffBaseMs: 500,
      backoffMaxMs: 30_000,
      random: Math.random,
      // An option passed as undefined keeps its default.
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ConnectionOptions),
    };
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  start(): void {
    if (this.statusValue !== 'stopped' && this.statusValue !== 'unauthorized') return;
    this.attempt = 0;
    this.open();
  }

  stop(): void {
    this.clearTimers();
    this.dropSocket(1000);
    for (const [rid, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new RequestError('stopped', 'the connection was closed'));
      this.pending.delete(rid);
    }
    this.setStatus('stopped');
  }

  /** Retry at once (the browser says the network is back). */
  retryNow(): void {
    if (this.statusValue !== 'offline') return;
    this.clearTimers();
    this.open();
  }

  /** Sends a message that needs no reply (partial transcript lines, reactions); false when offline. */
  send(message: Request | { type: string; [k: string]: unknown }): boolean {
    if (this.statusValue !== 'online' || !this.socket) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /**
   * Sends a request and resolves with its ack, or rejects with the server's
   * error or `timeout`. A request made offline waits for the connection; one
   * in flight when the connection drops is sent again with the same `rid`
   * (the server applies a repeated rid once).
   */
  request(message: Request | { type: string; [k: string]: unknown }): Promise<Ack> {
    const rid = `${this.ridPrefix}-${++this.ridCounter}`;
    const frame = JSON.stringify({ ...message, rid });
    return new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(rid);
        reject(new RequestError('timeout', 'no answer from the server in time'));
      }, this.opts.requestTimeoutMs);
      this.pending.set(rid, { frame, resolve, reject, timer });
      if (this.statusValue === 'online') this.socket?.send(frame);
    });
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.opts.onStatus?.(status);
  }

  private open(): void {
    const token = this.opts.token();
    if (!token) {
      this.setStatus('unauthorized');
      return;
    }
    this.setStatus('connecting');
    let socket: SocketLike;
    try {
      socket = this.opts.socketFactory(this.opts.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'hello', token }));
      this.helloTimer = setTimeout(() => this.dropSocket(4000, true), this.opts.helloTimeoutMs);
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.receive(ev.data);
    };
    socket.onerror = () => {
      /* a close event follows and decides */
    };
    socket.onclose = (ev) => {
      if (this.socket === socket) this.closed(ev.code);
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    this.dispatch(message);
  }

  private dispatch(message: unknown): void {
    if (!isObject(message)) return;
    if (message.type === 'batch' && Array.isArray(message.items)) {
      for (const item of message.items) this.dispatch(item);
      return;
    }
    if ((message.type === 'ack' || message.type === 'error') && typeof message.rid === 'string') {
      const p = this.pending.get(message.rid);
      if (p) {
        this.pending.delete(message.rid);
        clearTimeout(p.timer);
        if (message.type === 'ack') p.resolve(message as Ack);
        else {
          const err = message as unknown as ServerError;
          p.reject(new RequestError(String(err.code ?? 'internal'), String(err.message ?? '')));
        }
      }
      return;
    }
    if (message.type === 'welcome') {
      if (this.helloTimer !== null) clearTimeout(this.helloTimer);
      this.helloTimer = null;
      this.attempt = 0;
      this.setStatus('online');
      this.opts.onWelcome?.(message as unknown as Welcome);
      // Requests made while offline, or in flight when the last socket dropped.
      for (const p of this.pending.values()) this.socket?.send(p.frame);
      return;
    }
    this.opts.onMessage(message);
  }

  private closed(code: number): void {
    this.socket = null;
    if (this.helloTimer !== null) clearTimeout(this.helloTimer);
    this.helloTimer = null;
    if (this.statusValue === 'stopped') return;
    if (code === CLOSE_UNAUTHORIZED) {
      this.setStatus('unauthorized');
      return;
    }
    // Too slow: the server dropped us to protect itself; resume at once (still jittered).
    if (code === CLOSE_TOO_SLOW) this.attempt = 0;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.setStatus('offline');
    const delay = backoffDelay(this.attempt++, this.opts.backoffBaseMs, this.opts.backoffMaxMs, this.opts.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  private dropSocket(code: number, retry = false): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close(code);
      } catch {
        /* already closing */
      }
    }
    if (retry) this.scheduleRetry();
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.helloTimer !== null) clearTimeout(this.helloTimer);
    this.retryTimer = this.helloTimer = null;
  }
}
