package io.parley.kernel.conversation;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A member's read marker moved forward to {@code upToSeq}; it never moves back. */
@Revision("1")
public record ConversationReadEvent(String conversationId, String userId, long upToSeq, Instant readAt)
        implements ConversationEvent {
}
