package io.parley.kernel.message;

import java.time.Instant;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ReactionRemovedEvent(String conversationId, String messageId, long seq, String userId, String emoji,
                                   Instant removedAt) implements MessageEvent {
}
