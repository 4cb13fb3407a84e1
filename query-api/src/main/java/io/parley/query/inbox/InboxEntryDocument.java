package io.parley.query.inbox;

import java.time.Instant;

import io.parley.kernel.conversation.ConversationType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One conversation in one member's inbox. {@code active} is false once the member left or was removed (the
 * document stays as a tombstone, so a redelivered older event cannot bring the entry back). {@code sequence} is the
 * aggregate sequence number of the last event applied to this entry.
 */
@Document(InboxEntryDocument.COLLECTION)
record InboxEntryDocument(@Id String id, String userId, String conversationId, ConversationType type, boolean active,
                          Instant lastActivityAt, long unreadCount, long lastReadSeq, boolean muted, long sequence) {

    static final String COLLECTION = "inbox_entries";
    static final String USER_ID = "userId";
    static final String CONVERSATION_ID = "conversationId";
    static final String TYPE = "type";
    static final String ACTIVE = "active";
    static final String LAST_ACTIVITY_AT = "lastActivityAt";
    static final String UNREAD_COUNT = "unreadCount";
    static final String LAST_READ_SEQ = "lastReadSeq";
    static final String MUTED = "muted";
    static final String SEQUENCE = "sequence";

    static String id(String conversationId, String userId) {
        return conversationId + "|" + userId;
    }
}
