package io.parley.kernel.conversation;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A user joined; history sent before counts as read for them: their read marker starts at {@code readUpToSeq}. */
@Revision("1")
public record MemberAddedEvent(String conversationId, String userId, MemberRole role, String addedBy, long readUpToSeq,
                               Instant addedAt) implements ConversationEvent {
}
