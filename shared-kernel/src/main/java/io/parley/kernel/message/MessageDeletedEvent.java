package io.parley.kernel.message;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Deleted for everyone: the message keeps its seq, read models drop its text, edit history and reactions. */
@Revision("1")
public record MessageDeletedEvent(String conversationId, String messageId, long seq, String deletedBy,
                                  Instant deletedAt) implements MessageEvent {
}
