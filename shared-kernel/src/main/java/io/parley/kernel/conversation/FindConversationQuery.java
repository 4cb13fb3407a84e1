package io.parley.kernel.conversation;

/** A conversation's details, for a member only. */
public record FindConversationQuery(String userId, String conversationId) {
}
