package io.parley.kernel.message;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The author replaced the text of a message; the previous versions live in the events and the edit history. */
@Revision("1")
public record MessageEditedEvent(String conversationId, String messageId, long seq, String editorId, String text,
                                 Instant editedAt) implements MessageEvent {
}
