package io.parley.query.inbox;

import java.time.Instant;
import java.util.List;

import io.parley.query.message.SeqKeys;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the inbox knows of each message: enough for the last-message summary and for exact unread counts. The
 * aggregate sequence numbers at which it was sent, deleted and hidden let a recount see the state as of any event,
 * even when a redelivery runs after later events were applied already. {@code key} is {@code conversationId:seq}
 * ({@link SeqKeys}): recounts and the last message read by it.
 */
@Document(InboxMessageDocument.COLLECTION)
record InboxMessageDocument(@Id String id, String conversationId, long seq, String senderId, String text,
                            Instant createdAt, boolean deleted, long sentSequence, Long deletedSequence,
                            List<Hidden> hiddenBy, long sequence, String key) {

    static final String COLLECTION = "inbox_messages";
    static final String CONVERSATION_ID = "conversationId";
    static final String SEQ = "seq";
    static final String SENDER_ID = "senderId";
    static final String TEXT = "text";
    static final String CREATED_AT = "createdAt";
    static final String DELETED = "deleted";
    static final String SENT_SEQUENCE = "sentSequence";
    static final String DELETED_SEQUENCE = "deletedSequence";
    static final String HIDDEN_BY = "hiddenBy";
    static final String SEQUENCE = "sequence";
    static final String KEY = SeqKeys.FIELD;

    /** {@code userId} deleted the message for themselves at aggregate sequence number {@code sequence}. */
    record Hidden(String userId, long sequence) {
    }

    boolean deletedBefore(long sequence) {
        return deletedSequence != null && deletedSequence < sequence;
    }

    boolean hiddenBefore(String userId, long sequence) {
        return hiddenBy != null && hiddenBy.stream().anyMatch(h -> h.userId().equals(userId) && h.sequence() < sequence);
    }

    boolean hiddenFor(String userId) {
        return hiddenBy != null && hiddenBy.stream().anyMatch(h -> h.userId().equals(userId));
    }

    /** Whether this message counted as unread for a member at the given aggregate sequence number. */
    boolean countsFor(String userId, long lastReadSeq, long sequence) {
        return sentSequence < sequence && seq > lastReadSeq && !senderId.equals(userId) && !deletedBefore(sequence)
                && !hiddenBefore(userId, sequence);
    }
}
