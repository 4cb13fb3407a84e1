package io.parley.kernel.conversation;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * An ADMIN archived the conversation: its history stays readable; sends, edits, reactions, new members and detail
 * changes are refused ({@code CONVERSATION_ARCHIVED}).
 */
@Revision("1")
public record ConversationArchivedEvent(String conversationId, String archivedBy, Instant archivedAt)
        implements ConversationEvent {
}
