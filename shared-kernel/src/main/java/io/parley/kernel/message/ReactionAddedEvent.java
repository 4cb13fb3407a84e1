package io.parley.kernel.message;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A member reacted with an {@link Emoji}; appended only when that member had not reacted so already. */
@Revision("1")
public record ReactionAddedEvent(String conversationId, String messageId, long seq, String userId, String emoji,
                                 Instant addedAt) implements MessageEvent {
}
