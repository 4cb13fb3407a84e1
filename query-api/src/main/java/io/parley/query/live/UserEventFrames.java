package io.parley.query.live;

import java.time.Instant;

import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.conversation.ConversationView;
import io.parley.kernel.conversation.InboxItemView;
import io.parley.kernel.conversation.MemberRole;

/** The bodies of {@code /user/queue/events} and of the receipts topic: JSON with a {@code type}. */
public final class UserEventFrames {

    private UserEventFrames() {
    }

    /** A conversation appeared in the user's inbox (created with them, or they were added). */
    public record ConversationCreated(String type, InboxItemView conversation) {

        public ConversationCreated(InboxItemView conversation) {
            this("conversation.created", conversation);
        }
    }

    /** A conversation's name, topic or member roles changed: its details as {@code GET /conversations/{id}}. */
    public record ConversationUpdated(String type, ConversationView conversation) {

        public ConversationUpdated(ConversationView conversation) {
            this("conversation.updated", conversation);
        }
    }

    public record MemberAdded(String type, String conversationId, String userId, MemberRole role, String addedBy) {

        public MemberAdded(String conversationId, String userId, MemberRole role, String addedBy) {
            this("member.added", conversationId, userId, role, addedBy);
        }
    }

    public record MemberRemoved(String type, String conversationId, String userId, String removedBy, boolean left) {

        public MemberRemoved(String conversationId, String userId, String removedBy, boolean left) {
            this("member.removed", conversationId, userId, removedBy, left);
        }
    }

    /** A new message in one of the user's conversations, and the user's unread count there now. */
    public record MessageCreated(String type, String conversationId, Summary message, long unreadCount) {

        public MessageCreated(String conversationId, Summary message, long unreadCount) {
            this("message.created", conversationId, message, unreadCount);
        }
    }

    public record Summary(String messageId, long seq, String senderId, String text, Instant createdAt) {
    }

    public record ReceiptUpdated(String type, String conversationId, String userId, long lastReadSeq) {

        public ReceiptUpdated(String conversationId, String userId, long lastReadSeq) {
            this("receipt.updated", conversationId, userId, lastReadSeq);
        }
    }

    public record PresenceChanged(String type, String userId, boolean online, Instant lastSeenAt) {

        public PresenceChanged(String userId, boolean online, Instant lastSeenAt) {
            this("presence.changed", userId, online, lastSeenAt);
        }
    }

    /** This connection's login session ended; the server closes the connection next. */
    public record SessionRevoked(String type, RevocationReason reason) {

        public SessionRevoked(RevocationReason reason) {
            this("session.revoked", reason);
        }
    }

    /** The first connection after a login. */
    public record Welcome(String type, String userId, String displayName, long unreadConversations) {

        public Welcome(String userId, String displayName, long unreadConversations) {
            this("welcome", userId, displayName, unreadConversations);
        }
    }
}
