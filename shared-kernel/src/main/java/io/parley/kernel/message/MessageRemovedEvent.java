package io.parley.kernel.message;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * An ADMIN of the service removed the message for everyone (moderation). Read models treat it as
 * {@link MessageDeletedEvent}, which {@link #asDeletion()} gives them; the audit log tells the two apart.
 */
@Revision("1")
public record MessageRemovedEvent(String conversationId, String messageId, long seq, String removedBy,
                                  Instant removedAt) implements MessageEvent {

    /** What a member's deletion for everyone would have recorded. */
    public MessageDeletedEvent asDeletion() {
        return new MessageDeletedEvent(conversationId, messageId, seq, removedBy, removedAt);
    }
}
