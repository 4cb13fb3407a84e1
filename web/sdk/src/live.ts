import { Client, type IFrame, type IMessage, type StompSubscription } from '@stomp/stompjs';
import { NetworkError, SessionEndedError } from './errors.js';
import type { MessageEvent, ReceiptEvent, RevocationReason, TypingEvent, UserEvent } from './types.js';

/**
 * `connecting`: a socket is being opened; `online`: connected and subscribed; `waiting`: the connection dropped
 * and the next attempt is scheduled (`retryAt`); `paused`: the app said the network is gone; `stopped`: by the
 * app; `revoked`: the login session ended (log in again).
 */
export type ConnectionState = 'connecting' | 'online' | 'waiting' | 'paused' | 'stopped' | 'revoked';

export interface ConnectionStatus {
  state: ConnectionState;
  /** When the next attempt starts (`waiting` only), epoch milliseconds. */
  retryAt?: number;
  /** The `message` header of the last ERROR frame, e.g. `INVALID_TOKEN`. */
  lastError?: string;
  /** `revoked` by a `session.revoked` event: why, e.g. `ACCOUNT_DEACTIVATED` (absent when a refresh was refused). */
  reason?: RevocationReason;
}

export interface LiveOptions {
  /** The STOMP endpoint, e.g. `wss://chat.example.org/ws`. */
  url: string;
  /** A valid access token (refreshed before expiry by the caller); rejects with SessionEndedError when logged out. */
  accessToken: () => Promise<string>;
  /** Refreshes the access token now (after an `INVALID_TOKEN` ERROR frame). */
  refreshToken?: () => Promise<void>;
  /** The newest write position of this client, sent as `X-Min-Position` on message subscriptions. */
  minPosition?: () => string | null;
  webSocketFactory?: (url: string) => WebSocket;
  /** First retry delay and the cap (default 1 s and 30 s); each is jittered. */
  backoff?: { initialMs?: number; maxMs?: number };
  random?: () => number;
  heartbeatMs?: number;
}

export interface WatchHandlers {
  onMessage?: (event: MessageEvent) => void;
  onTyping?: (event: TypingEvent) => void;
  onReceipt?: (event: ReceiptEvent) => void;
}

/** A conversation followed live; `lastSeq` is the highest seq delivered, resumed from after every reconnect. */
export interface ConversationWatch {
  readonly conversationId: string;
  readonly lastSeq: number;
  close(): void;
}

/** Delay before retry number `attempt` (0-based): doubling from `initialMs` up to `maxMs`, then half of it jittered. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

class Watch implements ConversationWatch {
  subscriptions: StompSubscription[] = [];
  closed = false;

  constructor(
    readonly conversationId: string,
    public lastSeq: number,
    readonly handlers: WatchHandlers,
    private readonly onClose: (watch: Watch) => void,
  ) {}

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
  }
}

/**
 * Parley's live channel over STOMP: the user queue and any number of conversations. When the socket drops it
 * reconnects with back-off and jitter and resubscribes every conversation with `since-seq` = the last seq it
 * delivered, and drops any `message.created` at or below it, so no message is lost or delivered twice.
 */
export class ParleyLive {
  private readonly options: LiveOptions;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;
  private readonly watches = new Set<Watch>();
  private readonly userListeners = new Set<(event: UserEvent) => void>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private client: Client | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private needsRefresh = false;
  private generation = 0;
  private current: ConnectionStatus = { state: 'stopped' };

  constructor(options: LiveOptions) {
    this.options = options;
    this.initialMs = options.backoff?.initialMs ?? 1000;
    this.maxMs = options.backoff?.maxMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onUserEvent(listener: (event: UserEvent) => void): () => void {
    this.userListeners.add(listener);
    return () => this.userListeners.delete(listener);
  }

  start(): void {
    if (this.current.state === 'online' || this.current.state === 'connecting') return;
    this.attempt = 0;
    void this.connect();
  }

  /** Reconnects at once (e.g. the browser says it is online again), skipping any back-off wait. */
  reconnectNow(): void {
    if (this.current.state === 'waiting' || this.current.state === 'paused') {
      this.attempt = 0;
      void this.connect();
    }
  }

  /** Closes the socket until {@link reconnectNow} or {@link start} (e.g. the browser says it is offline). */
  pause(): void {
    if (this.current.state === 'stopped' || this.current.state === 'revoked') return;
    this.disconnect();
    this.setStatus({ state: 'paused' });
  }

  stop(): void {
    this.disconnect();
    this.setStatus({ state: 'stopped' });
  }

  /** Follows a conversation from after `sinceSeq` (0: its whole history). */
  watch(conversationId: string, sinceSeq: number, handlers: WatchHandlers): ConversationWatch {
    const watch = new Watch(conversationId, sinceSeq, handlers, (closed) => {
      this.watches.delete(closed);
      for (const subscription of closed.subscriptions) {
        if (this.client?.connected) subscription.unsubscribe();
      }
      closed.subscriptions = [];
    });
    this.watches.add(watch);
    if (this.client?.connected) this.subscribeConversation(this.client, watch);
    return watch;
  }

  /** Tells the conversation's other members that this user is (not) typing; dropped while not connected. */
  sendTyping(conversationId: string, typing: boolean): boolean {
    if (!this.client?.connected) return false;
    this.client.publish({
      destination: `/app/conversations/${encodeURIComponent(conversationId)}/typing`,
      body: JSON.stringify({ typing }),
      headers: { 'content-type': 'application/json' },
    });
    return true;
  }

  private setStatus(status: ConnectionStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private disconnect(): void {
    this.generation++;
    if (this.timer != null) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    for (const watch of this.watches) watch.subscriptions = [];
    if (client != null) void client.deactivate();
  }

  private async connect(): Promise<void> {
    this.disconnect();
    const generation = this.generation;
    this.setStatus({ state: 'connecting' });
    let token: string;
    try {
      if (this.needsRefresh && this.options.refreshToken != null) await this.options.refreshToken();
      this.needsRefresh = false;
      token = await this.options.accessToken();
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof SessionEndedError) {
        this.setStatus({ state: 'revoked' });
        return;
      }
      // Offline, or Parley overloaded or restarting: the token is tried again with the connection.
      this.scheduleReconnect(generation, error instanceof NetworkError ? undefined : String(error));
      return;
    }
    if (generation !== this.generation) return;
    const factory = this.options.webSocketFactory ?? ((url: string) => new WebSocket(url));
    let lastError: string | undefined;
    const client = new Client({
      webSocketFactory: () => factory(this.options.url),
      connectHeaders: { Authorization: `Bearer ${token}` },
      reconnectDelay: 0,
      heartbeatIncoming: this.options.heartbeatMs ?? 10_000,
      heartbeatOutgoing: this.options.heartbeatMs ?? 10_000,
      onConnect: () => {
        if (generation !== this.generation) return;
        this.attempt = 0;
        client.subscribe('/user/queue/events', (frame) => this.onUserFrame(frame));
        for (const watch of this.watches) this.subscribeConversation(client, watch);
        this.setStatus({ state: 'online' });
      },
      onStompError: (frame: IFrame) => {
        lastError = frame.headers.message;
        if (lastError === 'INVALID_TOKEN') this.needsRefresh = true;
      },
      onWebSocketClose: () => {
        if (generation !== this.generation) return;
        this.client = null;
        void client.deactivate();
        if (this.current.state === 'revoked') return;
        this.scheduleReconnect(generation, lastError);
      },
    });
    this.client = client;
    client.activate();
  }

  private scheduleReconnect(generation: number, lastError?: string): void {
    const delay = backoffDelay(this.attempt++, this.initialMs, this.maxMs, this.random);
    this.setStatus({ state: 'waiting', retryAt: Date.now() + delay, lastError });
    this.timer = setTimeout(() => {
      if (generation === this.generation) void this.connect();
    }, delay);
  }

  private onUserFrame(frame: IMessage): void {
    const event = JSON.parse(frame.body) as UserEvent;
    if (event.type === 'session.revoked') {
      this.disconnect();
      this.setStatus({ state: 'revoked', reason: event.reason });
    }
    for (const listener of this.userListeners) listener(event);
  }

  private subscribeConversation(client: Client, watch: Watch): void {
    const base = `/topic/conversations/${encodeURIComponent(watch.conversationId)}`;
    const headers: Record<string, string> = { 'since-seq': String(watch.lastSeq) };
    const position = this.options.minPosition?.();
    if (position != null) headers['X-Min-Position'] = position;
    watch.subscriptions = [
      client.subscribe(`${base}/messages`, (frame) => {
        const event = JSON.parse(frame.body) as MessageEvent;
        if (event.type === 'message.created') {
          if (event.message.seq <= watch.lastSeq) return;
          watch.lastSeq = event.message.seq;
        }
        if (event.type === 'member.removed') {
          watch.handlers.onMessage?.(event);
          watch.close();
          return;
        }
        watch.handlers.onMessage?.(event);
      }, headers),
      client.subscribe(`${base}/typing`, (frame) => {
        const event = JSON.parse(frame.body) as TypingEvent | { type: 'member.removed' };
        if (event.type === 'typing') watch.handlers.onTyping?.(event);
      }),
      client.subscribe(`${base}/receipts`, (frame) => {
        const event = JSON.parse(frame.body) as ReceiptEvent | { type: 'member.removed' };
        if (event.type === 'receipt.updated') watch.handlers.onReceipt?.(event);
      }),
    ];
  }
}
