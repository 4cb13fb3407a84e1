package io.parley.query.receipt;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** One member's read marker in one conversation; {@code active} false once the member left or was removed. */
@Document(ReceiptDocument.COLLECTION)
record ReceiptDocument(@Id String id, String conversationId, String userId, long lastReadSeq, boolean active,
                       long sequence) {

    static final String COLLECTION = "receipts";
    static final String CONVERSATION_ID = "conversationId";
    static final String USER_ID = "userId";
    static final String LAST_READ_SEQ = "lastReadSeq";
    static final String ACTIVE = "active";
    static final String SEQUENCE = "sequence";

    static String id(String conversationId, String userId) {
        return conversationId + "|" + userId;
    }
}
