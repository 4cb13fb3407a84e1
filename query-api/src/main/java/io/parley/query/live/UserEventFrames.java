package io.parley.query.live;

import java.time.Instant;

import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.conversation.ConversationView;
import io.parley.kernel.conversation.InboxItemView;
import io.parley.kernel.conversation.MemberRole;

/** The bodies of {@code /user/queue/events} and of the receipts topic: JSON with a {@code type}. */
final class UserEventFrames {

    private UserEventFrames() {
    }

    /** A conversation appeared in the user's inbox (created with them, or they were added). */
    record ConversationCreated(String type, InboxItemView conversation) {

        ConversationCreated(InboxItemView conversation) {
            this("conversation.created", conversation);
        }
    }

    /** A conversation's name, topic or member roles changed: its details as {@code GET /conversations/{id}}. */
    record ConversationUpdated(String type, ConversationView conversation) {

        ConversationUpdated(ConversationView conversation) {
            this("conversation.updated", conversation);
        }
    }

    record MemberAdded(String type, String conversationId, String userId, MemberRole role, String addedBy) {

        MemberAdded(String conversationId, String userId, MemberRole role, String addedBy) {
            this("member.added", conversationId, userId, role, addedBy);
        }
    }

    record MemberRemoved(String type, String conversationId, String userId, String removedBy, boolean left) {

        MemberRemoved(String conversationId, String userId, String removedBy, boolean left) {
            this("member.removed", conversationId, userId, removedBy, left);
        }
    }

    /** A new message in one of the user's conversations, and the user's unread count there now. */
    record MessageCreated(String type, String conversationId, Summary message, long unreadCount) {

        MessageCreated(String conversationId, Summary message, long unreadCount) {
            this("message.created", conversationId, message, unreadCount);
        }
    }

    record Summary(String messageId, long seq, String senderId, String text, Instant createdAt) {
    }

    record ReceiptUpdated(String type, String conversationId, String userId, long lastReadSeq) {

        ReceiptUpdated(String conversationId, String userId, long lastReadSeq) {
            this("receipt.updated", conversationId, userId, lastReadSeq);
        }
    }

    record PresenceChanged(String type, String userId, boolean online, Instant lastSeenAt) {

        PresenceChanged(String userId, boolean online, Instant lastSeenAt) {
            this("presence.changed", userId, online, lastSeenAt);
        }
    }

    /** This connection's login session ended; the server closes the connection next. */
    record SessionRevoked(String type, RevocationReason reason) {

        SessionRevoked(RevocationReason reason) {
            this("session.revoked", reason);
        }
    }

    /** The first connection after a login. */
    record Welcome(String type, String userId, String displayName, long unreadConversations) {

        Welcome(String userId, String displayName, long unreadConversations) {
            this("welcome", userId, displayName, unreadConversations);
        }
    }
}
