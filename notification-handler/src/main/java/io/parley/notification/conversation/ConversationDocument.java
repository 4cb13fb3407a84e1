package io.parley.notification.conversation;

import io.parley.kernel.conversation.ConversationType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A conversation: direct or group, and a group's name. {@code sequence}: the last applied aggregate sequence number. */
@Document(ConversationDocument.COLLECTION)
record ConversationDocument(@Id String id, ConversationType type, String name, long sequence) {

    static final String COLLECTION = "notification_conversations";
    static final String NAME = "name";
    static final String SEQUENCE = "sequence";
}
