package io.parley.kernel.conversation;

import java.time.Instant;

import org.axonframework.serialization.Revision;

@Revision("1")
public record MemberAddedEvent(String conversationId, String userId, MemberRole role, String addedBy, Instant addedAt)
        implements ConversationEvent {
}
