import {
  Outbox, ParleyClient, type ConnectionStatus, type InboxItem, type OutboxItem, type OwnProfile, type ParleyLive,
  type RevocationReason, type UserEvent,
} from '@parley/sdk';
import { Store } from './store.ts';

const REFRESH_KEY = 'parley.refreshToken';
const OUTBOX_KEY = 'parley.outbox.';

/**
 * The logged-in app: one client, one live connection, one outbox, and the state every screen shares (who I am,
 * the inbox, presence, the connection). The refresh token is kept in sessionStorage: a reload keeps the tab
 * logged in, closing it ends that; the access token stays in memory only.
 */
export class Session {
  readonly client: ParleyClient;
  readonly live: ParleyLive;
  readonly outbox: Outbox;
  readonly me = new Store<OwnProfile | null>(null);
  readonly inbox = new Store<InboxItem[]>([]);
  readonly status = new Store<ConnectionStatus>({ state: 'stopped' });
  readonly outboxItems = new Store<readonly OutboxItem[]>([]);
  /** userId → online now (from presence.changed and reads), with last seen. */
  readonly presence = new Store<ReadonlyMap<string, { online: boolean; lastSeenAt: string | null }>>(new Map());
  private readonly userEventListeners = new Set<(event: UserEvent) => void>();
  private readonly detach: (() => void)[] = [];
  /** Set while this tab deletes the account: the socket's `revoked` that follows is no news to show. */
  private deleting = false;
  private ended = false;

  /** `onEnded`: back to the login screen; `reason` when Parley ended the session (e.g. the account deactivated). */
  constructor(client: ParleyClient, private readonly onEnded: (reason?: RevocationReason) => void) {
    this.client = client;
    this.live = client.live();
    this.outbox = new Outbox(client, {
      storage: {
        // Per user: whoever logs in next in this tab must not send someone else's messages.
        load: () => JSON.parse(sessionStorage.getItem(OUTBOX_KEY + client.userId) ?? '[]') as OutboxItem[],
        save: (items) => sessionStorage.setItem(OUTBOX_KEY + client.userId, JSON.stringify(items)),
      },
      onChange: (items) => this.outboxItems.set(items),
    });
    this.outboxItems.set(this.outbox.items);
    this.detach.push(this.live.onStatus((status) => {
      this.status.set(status);
      if (status.state === 'online') {
        this.outbox.resume();
        void this.refreshInbox();
      }
      if (status.state === 'revoked' && !this.deleting) this.end(status.reason);
    }));
    this.detach.push(this.live.onUserEvent((event) => this.onUserEvent(event)));
    const offline = () => {
      this.live.pause();
      this.outbox.pause();
    };
    const online = () => {
      this.live.reconnectNow();
      this.outbox.resume();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    this.detach.push(() => window.removeEventListener('offline', offline));
    this.detach.push(() => window.removeEventListener('online', online));
  }

  static newClient(): ParleyClient {
    return new ParleyClient({
      baseUrl: '',
      onTokens: (tokens) => {
        if (tokens == null) sessionStorage.removeItem(REFRESH_KEY);
        else sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
      },
    });
  }

  static keptRefreshToken(): string | null {
    return sessionStorage.getItem(REFRESH_KEY);
  }

  async start(): Promise<void> {
    this.me.set(await this.client.users.me());
    await this.refreshInbox();
    if (navigator.onLine) this.live.start();
    else this.live.pause();
  }

  onEvent(listener: (event: UserEvent) => void): () => void {
    this.userEventListeners.add(listener);
    return () => this.userEventListeners.delete(listener);
  }

  async refreshInbox(): Promise<void> {
    const page = await this.client.conversations.list({ limit: 100 });
    this.inbox.set(page.items);
  }

  setPresence(userId: string, online: boolean, lastSeenAt: string | null): void {
    this.presence.update((map) => new Map(map).set(userId, { online, lastSeenAt }));
  }

  /** The socket's `revoked` may end the session before the answer does; either way it ends once. */
  async logout(): Promise<void> {
    try {
      await this.client.auth.logout();
    } finally {
      this.end();
    }
  }

  /** Deletes the account; a failure leaves the session as it was, so the form can say why. */
  async deleteAccount(): Promise<void> {
    this.deleting = true;
    try {
      await this.client.users.deleteMe();
    } catch (error) {
      this.deleting = false;
      throw error;
    }
    this.end();
  }

  /**
   * Stops everything this session started; the app returns to the login screen, once: a second call (the socket's
   * `revoked` racing the request that caused it) would navigate away from wherever the user went since.
   */
  end(reason?: RevocationReason): void {
    if (this.ended) return;
    this.ended = true;
    this.live.stop();
    this.outbox.pause();
    for (const undo of this.detach.splice(0)) undo();
    sessionStorage.removeItem(REFRESH_KEY);
    this.onEnded(reason);
  }

  private onUserEvent(event: UserEvent): void {
    switch (event.type) {
      case 'message.created':
        this.inbox.update((items) => {
          const item = items.find((i) => i.conversationId === event.conversationId);
          if (item == null) {
            void this.refreshInbox();
            return items;
          }
          const updated: InboxItem = {
            ...item,
            lastMessage: { ...event.message, deleted: false },
            unreadCount: event.unreadCount,
            lastActivityAt: event.message.createdAt,
          };
          return [updated, ...items.filter((i) => i !== item)];
        });
        break;
      case 'conversation.created':
        this.inbox.update((items) => [event.conversation, ...items.filter((i) => i.conversationId !== event.conversation.conversationId)]);
        break;
      case 'conversation.updated':
        this.inbox.update((items) => items.map((i) => i.conversationId === event.conversation.conversationId ? { ...i, name: event.conversation.name } : i));
        break;
      case 'member.removed':
        if (event.userId === this.client.userId) {
          this.inbox.update((items) => items.filter((i) => i.conversationId !== event.conversationId));
        } else {
          void this.refreshInbox();
        }
        break;
      case 'member.added':
        void this.refreshInbox();
        break;
      case 'receipt.updated':
        if (event.userId === this.client.userId) {
          this.inbox.update((items) => items.map((i) => i.conversationId === event.conversationId && (i.lastMessage?.seq ?? 0) <= event.lastReadSeq
            ? { ...i, unreadCount: 0, lastReadSeq: event.lastReadSeq } : i));
        }
        break;
      case 'presence.changed':
        this.setPresence(event.userId, event.online, event.lastSeenAt);
        break;
      case 'welcome':
      case 'session.revoked':
        break;
    }
    for (const listener of this.userEventListeners) listener(event);
  }
}
