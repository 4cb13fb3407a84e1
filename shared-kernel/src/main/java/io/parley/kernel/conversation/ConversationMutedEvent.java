package io.parley.kernel.conversation;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A member muted ({@code muted}) or unmuted notifications of the conversation, for that member only. */
@Revision("1")
public record ConversationMutedEvent(String conversationId, String userId, boolean muted, Instant changedAt)
        implements ConversationEvent {
}
