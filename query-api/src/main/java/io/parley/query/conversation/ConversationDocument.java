package io.parley.query.conversation;

import java.time.Instant;
import java.util.List;

import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MemberRole;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A conversation's details and current members: {@code members} in joining order with their roles,
 * {@code memberIds} the same ids as a multikey-indexed array for "the conversations of a user". No names of
 * people: they are joined from the user view when read. {@code sequence} is the last applied aggregate sequence
 * number, so a redelivered event changes nothing.
 */
@Document(ConversationDocument.COLLECTION)
record ConversationDocument(@Id String id, ConversationType type, String name, String topic, Instant createdAt,
                            List<Member> members, List<String> memberIds, long sequence,
                            Instant archivedAt) {

    static final String COLLECTION = "conversations";
    static final String TYPE = "type";
    static final String NAME = "name";
    static final String TOPIC = "topic";
    static final String CREATED_AT = "createdAt";
    static final String MEMBERS = "members";
    static final String MEMBER_IDS = "memberIds";
    static final String SEQUENCE = "sequence";
    static final String ARCHIVED_AT = "archivedAt";

    record Member(String userId, MemberRole role) {
    }
}
