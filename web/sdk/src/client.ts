import { Transport, type TransportOptions } from './http.js';
import { ParleyLive, type LiveOptions } from './live.js';
import type {
  Attachment,
  AuditEntry,
  AuditQuery,
  BlockedUser,
  Contact,
  ContactRequests,
  Conversation,
  ConversationAsOf,
  DeletionScope,
  DevicePlatform,
  InboxPage,
  InboxQuery,
  Items,
  MemberRole,
  Message,
  MessagePage,
  MessageSearchHit,
  MessagesQuery,
  MessageVersion,
  NotificationPreferences,
  OnlineMember,
  OwnProfile,
  ProfileChange,
  ProjectionStatus,
  RebuildAccepted,
  RebuildAllAccepted,
  Receipt,
  RegisterRequest,
  SearchQuery,
  SendMessageRequest,
  SentMessage,
  Tokens,
  User,
} from './types.js';

const enc = encodeURIComponent;

/** Every REST call of Parley's API, typed. Writes go to command-api and reads to query-api, through the gateway. */
export class ParleyClient {
  readonly transport: Transport;

  constructor(options: TransportOptions | Transport) {
    this.transport = options instanceof Transport ? options : new Transport(options);
  }

  get userId(): string | null {
    return this.transport.userId;
  }

  /** The live channel (`/ws` beside the REST base URL), authenticated with this client's tokens. */
  live(options: Partial<LiveOptions> = {}): ParleyLive {
    return new ParleyLive({
      url: options.url ?? webSocketUrl(this.transport.url('/ws')),
      accessToken: () => this.transport.accessToken(),
      refreshToken: () => this.transport.refreshNow(),
      minPosition: () => this.transport.minPosition,
      ...options,
    });
  }

  readonly auth = {
    register: (request: RegisterRequest) =>
      this.transport.send<{ userId: string }>({ method: 'POST', path: '/api/v1/auth/register', body: request, auth: false }),
    login: async (email: string, password: string): Promise<Tokens> => {
      const tokens = await this.transport.send<Tokens>({
        method: 'POST', path: '/api/v1/auth/login', body: { email, password }, auth: false,
      });
      this.transport.setTokens(tokens);
      return tokens;
    },
    /** Continues a session from a refresh token the app kept. */
    resume: (refreshToken: string) => this.transport.resume(refreshToken),
    logout: async (): Promise<void> => {
      const refreshToken = this.transport.refreshToken;
      if (refreshToken == null) return;
      try {
        await this.transport.send<void>({ method: 'POST', path: '/api/v1/auth/logout', body: { refreshToken } });
      } finally {
        this.transport.setTokens(null);
      }
    },
    changePassword: (currentPassword: string, newPassword: string) =>
      this.transport.send<void>({ method: 'POST', path: '/api/v1/auth/password', body: { currentPassword, newPassword } }),
    requestPasswordReset: (email: string) =>
      this.transport.send<void>({ method: 'POST', path: '/api/v1/auth/password-reset', body: { email }, auth: false }),
    confirmPasswordReset: (token: string, newPassword: string) =>
      this.transport.send<void>({
        method: 'POST', path: '/api/v1/auth/password-reset/confirm', body: { token, newPassword }, auth: false,
      }),
  };

  readonly users = {
    me: () => this.transport.send<OwnProfile>({ method: 'GET', path: '/api/v1/users/me' }),
    get: (userId: string) => this.transport.send<User>({ method: 'GET', path: `/api/v1/users/${enc(userId)}` }),
    search: (search: string, limit?: number) =>
      this.transport.send<Items<User>>({ method: 'GET', path: '/api/v1/users', query: { search, limit } }),
    updateProfile: (change: ProfileChange) =>
      this.transport.send<void>({ method: 'PATCH', path: '/api/v1/users/me', body: change }),
    notificationPreferences: () =>
      this.transport.send<NotificationPreferences>({ method: 'GET', path: '/api/v1/users/me/notification-preferences' }),
    setNotificationPreferences: (preferences: NotificationPreferences) =>
      this.transport.send<void>({ method: 'PUT', path: '/api/v1/users/me/notification-preferences', body: preferences }),
    registerDevice: (token: string, platform: DevicePlatform) =>
      this.transport.send<void>({ method: 'POST', path: '/api/v1/users/me/devices', body: { token, platform } }),
    removeDevice: (token: string) =>
      this.transport.send<void>({ method: 'DELETE', path: `/api/v1/users/me/devices/${enc(token)}` }),
    /** Deletes the account; the session ends. */
    deleteMe: async (): Promise<void> => {
      await this.transport.send<void>({ method: 'DELETE', path: '/api/v1/users/me' });
      this.transport.setTokens(null);
    },
    block: (userId: string) => this.transport.send<void>({ method: 'POST', path: `/api/v1/users/${enc(userId)}/block` }),
    unblock: (userId: string) =>
      this.transport.send<void>({ method: 'DELETE', path: `/api/v1/users/${enc(userId)}/block` }),
  };

  readonly contacts = {
    list: () => this.transport.send<Items<Contact>>({ method: 'GET', path: '/api/v1/contacts' }),
    requests: () => this.transport.send<ContactRequests>({ method: 'GET', path: '/api/v1/contacts/requests' }),
    request: (userId: string) =>
      this.transport.send<{ requestId: string }>({ method: 'POST', path: '/api/v1/contacts/requests', body: { userId } }),
    accept: (requestId: string) =>
      this.transport.send<void>({ method: 'POST', path: `/api/v1/contacts/requests/${enc(requestId)}/accept` }),
    reject: (requestId: string) =>
      this.transport.send<void>({ method: 'POST', path: `/api/v1/contacts/requests/${enc(requestId)}/reject` }),
    remove: (userId: string) => this.transport.send<void>({ method: 'DELETE', path: `/api/v1/contacts/${enc(userId)}` }),
    /** Whom the caller blocks now, latest first; `users.block` / `users.unblock` change it. */
    blocked: () => this.transport.send<Items<BlockedUser>>({ method: 'GET', path: '/api/v1/contacts/blocked' }),
  };

  readonly conversations = {
    list: (query: InboxQuery = {}) =>
      this.transport.send<InboxPage>({ method: 'GET', path: '/api/v1/conversations', query: { ...query } }),
    get: (id: string) => this.transport.send<Conversation>({ method: 'GET', path: `/api/v1/conversations/${enc(id)}` }),
    openDirect: (userId: string) =>
      this.transport.send<{ conversationId: string }>({
        method: 'POST', path: '/api/v1/conversations/direct', body: { userId },
      }),
    createGroup: (name: string, memberIds: string[]) =>
      this.transport.send<{ conversationId: string }>({
        method: 'POST', path: '/api/v1/conversations/groups', body: { name, memberIds },
      }),
    update: (id: string, change: { name?: string; topic?: string }) =>
      this.transport.send<void>({ method: 'PATCH', path: `/api/v1/conversations/${enc(id)}`, body: change }),
    addMember: (id: string, userId: string) =>
      this.transport.send<void>({ method: 'POST', path: `/api/v1/conversations/${enc(id)}/members`, body: { userId } }),
    /** Removes a member (OWNER/ADMIN), or leaves when `userId` is the caller. */
    removeMember: (id: string, userId: string) =>
      this.transport.send<void>({ method: 'DELETE', path: `/api/v1/conversations/${enc(id)}/members/${enc(userId)}` }),
    setRole: (id: string, userId: string, role: Exclude<MemberRole, 'OWNER'>) =>
      this.transport.send<void>({
        method: 'PUT', path: `/api/v1/conversations/${enc(id)}/members/${enc(userId)}/role`, body: { role },
      }),
    markRead: (id: string, upToSeq: number) =>
      this.transport.send<void>({ method: 'POST', path: `/api/v1/conversations/${enc(id)}/read`, body: { upToSeq } }),
    mute: (id: string, muted: boolean) =>
      this.transport.send<void>({ method: 'PUT', path: `/api/v1/conversations/${enc(id)}/mute`, body: { muted } }),
    receipts: (id: string) =>
      this.transport.send<Items<Receipt>>({ method: 'GET', path: `/api/v1/conversations/${enc(id)}/receipts` }),
    online: (id: string) =>
      this.transport.send<Items<OnlineMember>>({ method: 'GET', path: `/api/v1/conversations/${enc(id)}/online` }),
    /** The conversation as it was at `at` (members then and now only), its messages paged as {@link messages}.page. */
    asOf: (id: string, at: Date | string, query: MessagesQuery = {}) =>
      this.transport.send<ConversationAsOf>({
        method: 'GET', path: `/api/v1/conversations/${enc(id)}/as-of`,
        query: { at: typeof at === 'string' ? at : at.toISOString(), ...query },
      }),
  };

  /** Files for messages: upload to a conversation, then send their ids with a message; members download them. */
  readonly attachments = {
    upload: (conversationId: string, file: Blob, name: string) =>
      this.transport.send<Attachment>({
        method: 'POST', path: `/api/v1/conversations/${enc(conversationId)}/attachments`, query: { name }, raw: file,
      }),
    download: (attachmentId: string) =>
      this.transport.send<Blob>({ method: 'GET', path: `/api/v1/attachments/${enc(attachmentId)}`, binary: true }),
    thumbnail: (attachmentId: string) =>
      this.transport.send<Blob>({ method: 'GET', path: `/api/v1/attachments/${enc(attachmentId)}/thumbnail`, binary: true }),
  };

  readonly messages = {
    page: (conversationId: string, query: MessagesQuery = {}) =>
      this.transport.send<MessagePage>({
        method: 'GET', path: `/api/v1/conversations/${enc(conversationId)}/messages`, query: { ...query },
      }),
    /** Sends once per `clientMessageId`: a retry with the same id answers the original. Prefer {@link Outbox}. */
    send: (conversationId: string, request: SendMessageRequest) =>
      this.transport.send<SentMessage>({
        method: 'POST', path: `/api/v1/conversations/${enc(conversationId)}/messages`, body: request,
      }),
    edit: (conversationId: string, messageId: string, text: string) =>
      this.transport.send<void>({
        method: 'PATCH', path: `/api/v1/conversations/${enc(conversationId)}/messages/${enc(messageId)}`, body: { text },
      }),
    delete: (conversationId: string, messageId: string, scope: DeletionScope) =>
      this.transport.send<void>({
        method: 'DELETE', path: `/api/v1/conversations/${enc(conversationId)}/messages/${enc(messageId)}`, query: { scope },
      }),
    history: (conversationId: string, messageId: string) =>
      this.transport.send<Items<MessageVersion>>({
        method: 'GET', path: `/api/v1/conversations/${enc(conversationId)}/messages/${enc(messageId)}/history`,
      }),
    react: (conversationId: string, messageId: string, emoji: string) =>
      this.transport.send<void>({
        method: 'PUT',
        path: `/api/v1/conversations/${enc(conversationId)}/messages/${enc(messageId)}/reactions/${enc(emoji)}`,
      }),
    unreact: (conversationId: string, messageId: string, emoji: string) =>
      this.transport.send<void>({
        method: 'DELETE',
        path: `/api/v1/conversations/${enc(conversationId)}/messages/${enc(messageId)}/reactions/${enc(emoji)}`,
      }),
    search: (query: SearchQuery) =>
      this.transport.send<Items<MessageSearchHit>>({ method: 'GET', path: '/api/v1/search/messages', query: { ...query } }),
  };

  /** Role ADMIN only; others get 403 `ACCESS_DENIED`. */
  readonly admin = {
    /** Ends every session of the user and refuses their logins until {@link reactivateUser}. */
    deactivateUser: (userId: string) =>
      this.transport.send<void>({ method: 'POST', path: `/api/v1/admin/users/${enc(userId)}/deactivate` }),
    reactivateUser: (userId: string) =>
      this.transport.send<void>({ method: 'POST', path: `/api/v1/admin/users/${enc(userId)}/reactivate` }),
    /** Deletes any message for everyone, recorded as removed by the admin; no membership needed. */
    removeMessage: (conversationId: string, messageId: string) =>
      this.transport.send<void>({
        method: 'DELETE', path: `/api/v1/admin/conversations/${enc(conversationId)}/messages/${enc(messageId)}`,
      }),
    /** Read-only from then on: writes answer 409 `CONVERSATION_ARCHIVED`. */
    archiveConversation: (conversationId: string) =>
      this.transport.send<void>({ method: 'POST', path: `/api/v1/admin/conversations/${enc(conversationId)}/archive` }),
    audit: (query: AuditQuery = {}) =>
      this.transport.send<Items<AuditEntry>>({ method: 'GET', path: '/api/v1/admin/audit', query: { ...query } }),
    projections: () => this.transport.send<ProjectionStatus[]>({ method: 'GET', path: '/api/v1/admin/projections' }),
    rebuild: (name: string) =>
      this.transport.send<RebuildAccepted>({ method: 'POST', path: `/api/v1/admin/projections/${enc(name)}/rebuild` }),
    /** Every projection, one rebuild per processor that reads the event store once and switches them together. */
    rebuildAll: () => this.transport.send<RebuildAllAccepted>({ method: 'POST', path: '/api/v1/admin/projections/rebuild' }),
  };
}

function webSocketUrl(httpUrl: string): string {
  const absolute = new URL(httpUrl, typeof location === 'undefined' ? undefined : location.href);
  absolute.protocol = absolute.protocol === 'https:' ? 'wss:' : 'ws:';
  return absolute.toString();
}
