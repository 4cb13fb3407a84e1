package io.parley.query.search;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The words of one message ({@link Tokens}); no words once deleted for everyone. */
@Document(SearchDocument.COLLECTION)
record SearchDocument(@Id String id, String conversationId, long seq, Instant createdAt, List<String> tokens,
                      boolean deleted, List<String> hiddenFor, long sequence) {

    static final String COLLECTION = "message_search";
    static final String CONVERSATION_ID = "conversationId";
    static final String SEQ = "seq";
    static final String CREATED_AT = "createdAt";
    static final String TOKENS = "tokens";
    static final String DELETED = "deleted";
    static final String HIDDEN_FOR = "hiddenFor";
    static final String SEQUENCE = "sequence";
}
