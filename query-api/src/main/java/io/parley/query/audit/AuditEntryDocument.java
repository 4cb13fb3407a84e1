package io.parley.query.audit;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One thing someone did, keyed by the event's id so a redelivery writes the same document; {@code position} is the
 * event's global position, which orders events of the same instant. Ids, an action and a role only: no message
 * text, names or emails.
 */
@Document(AuditEntryDocument.COLLECTION)
record AuditEntryDocument(@Id String eventId, Instant at, Long position, AuditAction action, String actorId,
                          String userId, String conversationId, String messageId, Long seq, String role) {

    static final String COLLECTION = "audit_entries";
    static final String AT = "at";
    static final String POSITION = "position";
    static final String ACTOR_ID = "actorId";
    static final String CONVERSATION_ID = "conversationId";
}
