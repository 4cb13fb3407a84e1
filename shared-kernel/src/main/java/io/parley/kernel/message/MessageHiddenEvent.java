package io.parley.kernel.message;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Deleted for one member only: hidden from that member's views, unchanged for everyone else. */
@Revision("1")
public record MessageHiddenEvent(String conversationId, String messageId, long seq, String userId, Instant hiddenAt)
        implements MessageEvent {
}
