package io.parley.kernel.conversation;

/** Every current member's read marker, for a member only. */
public record FindReceiptsQuery(String userId, String conversationId) {
}
