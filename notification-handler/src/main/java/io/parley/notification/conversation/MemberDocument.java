package io.parley.notification.conversation;

import java.time.Instant;

import io.parley.kernel.conversation.MemberRole;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One user's membership of one conversation, kept after they left ({@code left}). {@code lastReadSeq} is their read
 * marker; {@code unreadSince} is when the oldest message of someone else they have not read arrived (null: nothing
 * unread), which the digest looks for. {@code sequence} is the last applied aggregate sequence number of a membership
 * change, so a redelivered event changes nothing.
 */
@Document(MemberDocument.COLLECTION)
record MemberDocument(@Id String id, String conversationId, String userId, MemberRole role, boolean muted, boolean left,
                      long lastReadSeq, Instant unreadSince, long sequence) {

    static final String COLLECTION = "notification_members";
    static final String CONVERSATION_ID = "conversationId";
    static final String USER_ID = "userId";
    static final String ROLE = "role";
    static final String MUTED = "muted";
    static final String LEFT = "left";
    static final String LAST_READ_SEQ = "lastReadSeq";
    static final String UNREAD_SINCE = "unreadSince";
    static final String SEQUENCE = "sequence";

    static String id(String conversationId, String userId) {
        return conversationId + "/" + userId;
    }
}
