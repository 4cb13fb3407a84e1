package io.parley.kernel.conversation;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A member left ({@code left}, then {@code removedBy} is the member) or was removed by an owner or admin. */
@Revision("1")
public record MemberRemovedEvent(String conversationId, String userId, String removedBy, boolean left,
                                 Instant removedAt) implements ConversationEvent {
}
