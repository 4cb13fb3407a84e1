package io.parley.kernel.message;

/** Every version of a message's text, for a member only. */
public record FindMessageHistoryQuery(String userId, String conversationId, String messageId) {
}
