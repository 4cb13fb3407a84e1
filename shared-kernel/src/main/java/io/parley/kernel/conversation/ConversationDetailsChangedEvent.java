package io.parley.kernel.conversation;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A group's name or topic changed; a null field was left as it was, an empty topic was cleared. */
@Revision("1")
public record ConversationDetailsChangedEvent(String conversationId, String changedBy, String name, String topic,
                                              Instant changedAt) implements ConversationEvent {
}
