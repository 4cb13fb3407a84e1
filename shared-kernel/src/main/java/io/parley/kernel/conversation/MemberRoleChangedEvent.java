package io.parley.kernel.conversation;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A member's role changed; also how ownership passes on when the owner leaves ({@code changedBy} is the leaver). */
@Revision("1")
public record MemberRoleChangedEvent(String conversationId, String userId, MemberRole role, String changedBy,
                                     Instant changedAt) implements ConversationEvent {
}
