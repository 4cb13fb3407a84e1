package io.parley.query.edithistory;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The versions of one message's text, oldest first: the original ({@code editedAt} null), then each edit, each with
 * when it was written ({@code at}: sent or edited) and by whom ({@code actorId}: the sender or the editor). Deleted
 * for everyone: no versions at all, and {@code deleted} so a redelivered send or edit cannot bring text back.
 */
@Document(EditHistoryDocument.COLLECTION)
record EditHistoryDocument(@Id String id, String conversationId, long seq, List<Version> versions, boolean deleted,
                           List<String> hiddenFor, long sequence) {

    static final String COLLECTION = "message_edit_history";
    static final String CONVERSATION_ID = "conversationId";
    static final String SEQ = "seq";
    static final String VERSIONS = "versions";
    static final String DELETED = "deleted";
    static final String HIDDEN_FOR = "hiddenFor";
    static final String SEQUENCE = "sequence";

    /** {@code at} and {@code actorId} are null in documents projected before they existed: a rebuild fills them. */
    record Version(String text, Instant editedAt, Instant at, String actorId) {
    }
}
