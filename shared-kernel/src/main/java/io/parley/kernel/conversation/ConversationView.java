package io.parley.kernel.conversation;

import java.time.Instant;
import java.util.List;

/** A conversation's details; {@code members} in joining order; {@code archivedAt} null unless an ADMIN archived it. */
public record ConversationView(String conversationId, ConversationType type, String name, String topic,
                               Instant createdAt, List<MemberView> members, Instant archivedAt) {
}
