package io.parley.kernel.conversation;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/** A group was created by {@code creatorId}, or a direct conversation was opened (no name) by {@code creatorId}. */
@Revision("1")
public record ConversationCreatedEvent(String conversationId, ConversationType type, String name, String creatorId,
                                       List<ConversationMember> members, Instant createdAt) implements ConversationEvent {

    public ConversationCreatedEvent {
        members = List.copyOf(members);
    }
}
