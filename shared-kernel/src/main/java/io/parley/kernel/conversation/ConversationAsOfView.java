package io.parley.kernel.conversation;

import java.time.Instant;
import java.util.List;

import io.parley.kernel.message.MessageView;

/**
 * A conversation as it was at {@code at}: its details, its members with their roles then (in joining order), and a
 * page of its messages as they read then, ascending by seq ({@code nextCursor} as in
 * {@link io.parley.kernel.message.MessagePage}).
 */
public record ConversationAsOfView(String conversationId, Instant at, ConversationType type, String name,
                                   String topic, Instant createdAt, Instant archivedAt, List<MemberAsOfView> members,
                                   List<MessageView> items, Long nextCursor) {
}
