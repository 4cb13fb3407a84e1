package io.parley.query.message;

import java.time.Instant;
import java.util.List;

import io.parley.kernel.message.Attachment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message as members see it, keyed by its id and unique by {@code (conversationId, seq)}. Deleted for everyone:
 * {@code deleted}, no text, mentions or reactions. {@code hiddenFor}: members who deleted it for themselves only.
 * Reactions are {@code {emoji, userId}} pairs (emoji are not safe as field names in every case). {@code key} is
 * {@code conversationId:seq} ({@link SeqKeys}): pages are read by it. {@code attachments}: their metadata (none once
 * deleted for everyone; absent in documents stored before attachments existed).
 */
@Document(MessageDocument.COLLECTION)
record MessageDocument(@Id String id, String conversationId, long seq, String senderId, String text,
                       Instant createdAt, Instant editedAt, boolean deleted, String replyToMessageId,
                       List<String> mentions, List<Reaction> reactions, List<String> hiddenFor, long sequence,
                       String key, List<Attachment> attachments) {

    static final String COLLECTION = "messages";
    static final String CONVERSATION_ID = "conversationId";
    static final String SEQ = "seq";
    static final String SENDER_ID = "senderId";
    static final String TEXT = "text";
    static final String CREATED_AT = "createdAt";
    static final String EDITED_AT = "editedAt";
    static final String DELETED = "deleted";
    static final String REPLY_TO = "replyToMessageId";
    static final String MENTIONS = "mentions";
    static final String REACTIONS = "reactions";
    static final String HIDDEN_FOR = "hiddenFor";
    static final String SEQUENCE = "sequence";
    static final String KEY = SeqKeys.FIELD;
    static final String ATTACHMENTS = "attachments";

    record Reaction(String emoji, String userId) {
    }
}
