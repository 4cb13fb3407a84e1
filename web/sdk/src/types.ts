/** The JSON shapes of Parley's API (docs/api.md, docs/read-models.md, docs/live-delivery.md). Timestamps are ISO-8601 strings. */

export type ConversationType = 'DIRECT' | 'GROUP';
export type MemberRole = 'OWNER' | 'ADMIN' | 'MEMBER';
export type DevicePlatform = 'android' | 'ios' | 'web';
export type DeletionScope = 'everyone' | 'me';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token is valid for. */
  expiresIn: number;
  userId: string;
}

export interface RegisterRequest {
  email: string;
  password: string;
  displayName: string;
}

export interface OwnProfile {
  userId: string;
  email: string;
  displayName: string;
  bio: string | null;
  avatarUrl: string | null;
  createdAt: string;
}

export interface User {
  userId: string;
  displayName: string;
  bio: string | null;
  avatarUrl: string | null;
  online: boolean;
  lastSeenAt: string | null;
}

export interface ProfileChange {
  displayName?: string;
  bio?: string;
  avatarUrl?: string;
}

export interface NotificationPreferences {
  email: boolean;
  push: boolean;
}

export interface Contact {
  userId: string;
  displayName: string;
  online: boolean;
}

/** Someone the caller blocks now (`GET /api/v1/contacts/blocked`). */
export interface BlockedUser {
  userId: string;
  displayName: string;
  blockedAt: string;
}

export interface ContactRequest {
  requestId: string;
  /** The other user: the requester when incoming, the addressee when outgoing. */
  userId: string;
  displayName: string;
  requestedAt: string;
}

export interface ContactRequests {
  incoming: ContactRequest[];
  outgoing: ContactRequest[];
}

export interface LastMessage {
  messageId: string;
  seq: number;
  senderId: string;
  text: string | null;
  createdAt: string;
  deleted: boolean;
}

export interface InboxItem {
  conversationId: string;
  type: ConversationType;
  name: string | null;
  memberCount: number;
  lastMessage: LastMessage | null;
  unreadCount: number;
  lastReadSeq: number;
  muted: boolean;
  lastActivityAt: string;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

export interface Member {
  userId: string;
  displayName: string;
  role: MemberRole;
}

export interface Conversation {
  conversationId: string;
  type: ConversationType;
  name: string | null;
  topic: string | null;
  createdAt: string;
  members: Member[];
  /** Set when an ADMIN archived it: readable, but sends answer 409 `CONVERSATION_ARCHIVED`. */
  archivedAt: string | null;
}

export interface Message {
  messageId: string;
  conversationId: string;
  seq: number;
  senderId: string;
  /** Null when deleted for everyone. */
  text: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  replyToMessageId: string | null;
  mentions: string[];
  /** Emoji → the users who reacted with it. */
  reactions: Record<string, string[]>;
  /** Files sent with the message, in order; none when deleted for everyone. */
  attachments: Attachment[];
}

/** A search hit: the message, and its conversation's name as the conversation list shows it. */
export interface MessageSearchHit extends Message {
  /** A group's name; a direct conversation's: the other member's display name. */
  conversationName: string | null;
  conversationType: ConversationType;
}

/** A file sent (or uploaded to be sent) with a message; its type was detected from its bytes. */
export interface Attachment {
  attachmentId: string;
  name: string;
  contentType: string;
  size: number;
  /** An image's pixels (JPEG, PNG, GIF, BMP); null otherwise. */
  width: number | null;
  height: number | null;
  /** A JPEG of at most 320 px was made (`attachments.thumbnail`). */
  thumbnail: boolean;
}

/** A conversation as it was at `at`: members and roles then, and a page of its messages as they read then. */
export interface ConversationAsOf extends MessagePage {
  conversationId: string;
  at: string;
  type: ConversationType;
  name: string | null;
  topic: string | null;
  createdAt: string;
  archivedAt: string | null;
  members: { userId: string; role: MemberRole; joinedAt: string }[];
}

export interface MessagePage {
  items: Message[];
  /** A seq to pass back as beforeSeq (newest and beforeSeq pages) or afterSeq (afterSeq pages); null at the end. */
  nextCursor: number | null;
}

export interface MessageVersion {
  version: number;
  text: string;
  /** When this version was sent or edited. */
  at: string | null;
  /** Who sent or edited it. */
  actorId: string | null;
  editedAt: string | null;
}

export interface Receipt {
  userId: string;
  lastReadSeq: number;
}

export interface OnlineMember {
  userId: string;
  displayName: string;
}

export interface SendMessageRequest {
  clientMessageId: string;
  /** May be empty when there are attachments. */
  text: string;
  replyToMessageId?: string;
  mentions?: string[];
  /** At most 10 of the sender's own uploads to this conversation (`attachments.upload`), each sent once. */
  attachmentIds?: string[];
}

export interface SentMessage {
  messageId: string;
  seq: number;
}

export interface Items<T> {
  items: T[];
}

export interface MessagesQuery {
  beforeSeq?: number;
  afterSeq?: number;
  limit?: number;
}

export interface InboxQuery {
  limit?: number;
  cursor?: string;
}

export interface SearchQuery {
  q: string;
  conversationId?: string;
  limit?: number;
}

export type RebuildState = 'RUNNING' | 'SWITCHED' | 'FAILED';

export interface RebuildStatus {
  rebuildId: string;
  state: RebuildState;
  position: number;
  headPosition: number;
  progress: number;
  startedAt: string;
  finishedAt: string | null;
  eventsPerSecond: number;
}

/** A projection of query-api (admin only); `rebuild` is the latest rebuild on the instance that answered. */
export interface ProjectionStatus {
  name: string;
  /** The event processor it runs in (a rebuild of everything rebuilds per processor). */
  processor: string;
  position: number;
  headPosition: number;
  lag: number;
  state: 'RUNNING' | 'REPLAYING' | 'ERROR' | 'STOPPED';
  progress: number;
  rebuild?: RebuildStatus;
}

export interface RebuildAccepted {
  name: string;
  rebuildId: string;
  state: RebuildState;
}

/** A rebuild of every projection: one rebuild per processor. */
export interface RebuildAllAccepted {
  rebuilds: { rebuildId: string; processor: string; projections: string[]; state: RebuildState }[];
}

export type AuditAction = 'USER_DEACTIVATED' | 'USER_REACTIVATED' | 'USER_DELETED' | 'CONVERSATION_CREATED'
  | 'CONVERSATION_DETAILS_CHANGED' | 'CONVERSATION_ARCHIVED' | 'MEMBER_ADDED' | 'MEMBER_REMOVED' | 'MEMBER_LEFT'
  | 'MEMBER_ROLE_CHANGED' | 'MESSAGE_DELETED' | 'MESSAGE_REMOVED';

/** Who did what when (admin only), from the events; never message text. Fields that do not apply are null. */
export interface AuditEntry {
  eventId: string;
  at: string;
  /** The event's global position: orders entries of the same instant. */
  position: number;
  action: AuditAction;
  actorId: string | null;
  userId: string | null;
  conversationId: string | null;
  messageId: string | null;
  seq: number | null;
  role: MemberRole | null;
}

export interface AuditQuery {
  /** Only what this user id did. */
  actor?: string;
  conversationId?: string;
  /** ISO-8601, inclusive. */
  from?: string;
  /** ISO-8601, exclusive. */
  to?: string;
  /** 1 to 500, default 100. */
  limit?: number;
}

// ---- live events -----------------------------------------------------------------------------------------------

export type RevocationReason = 'LOGOUT' | 'PASSWORD_CHANGED' | 'REFRESH_TOKEN_REUSED' | 'ACCOUNT_DELETED'
  | 'ACCOUNT_DEACTIVATED';

/** What arrives on `/user/queue/events`. */
export type UserEvent =
  | { type: 'welcome'; userId: string; displayName: string; unreadConversations: number }
  | { type: 'conversation.created'; conversation: InboxItem }
  | { type: 'conversation.updated'; conversation: Conversation }
  | { type: 'member.added'; conversationId: string; userId: string; role: MemberRole; addedBy: string }
  | { type: 'member.removed'; conversationId: string; userId: string; removedBy: string; left: boolean }
  | {
      type: 'message.created';
      conversationId: string;
      message: Pick<Message, 'messageId' | 'seq' | 'senderId' | 'text' | 'createdAt'>;
      unreadCount: number;
    }
  | { type: 'receipt.updated'; conversationId: string; userId: string; lastReadSeq: number }
  | { type: 'presence.changed'; userId: string; online: boolean; lastSeenAt: string | null }
  | { type: 'session.revoked'; reason: RevocationReason };

/** What arrives on `/topic/conversations/{id}/messages`. */
export type MessageEvent =
  | { type: 'message.created' | 'message.edited' | 'message.deleted' | 'reaction.added' | 'reaction.removed'; message: Message }
  | { type: 'member.removed'; conversationId: string; userId: string };

export interface TypingEvent {
  type: 'typing';
  conversationId: string;
  userId: string;
  typing: boolean;
}

export interface ReceiptEvent {
  type: 'receipt.updated';
  conversationId: string;
  userId: string;
  lastReadSeq: number;
}
