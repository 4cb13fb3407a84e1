package io.parley.notification.conversation;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message as the unread counts need it: who sent it when, whether it was deleted for everyone and who hid it.
 * Never its text.
 */
@Document(MessageRecord.COLLECTION)
record MessageRecord(@Id String id, String conversationId, long seq, String messageId, String senderId,
                     Instant sentAt, boolean deleted, List<String> hiddenFor) {

    static final String COLLECTION = "notification_messages";
    static final String CONVERSATION_ID = "conversationId";
    static final String SEQ = "seq";
    static final String SENDER_ID = "senderId";
    static final String SENT_AT = "sentAt";
    static final String DELETED = "deleted";
    static final String HIDDEN_FOR = "hiddenFor";

    static String id(String conversationId, long seq) {
        return conversationId + "/" + seq;
    }
}
