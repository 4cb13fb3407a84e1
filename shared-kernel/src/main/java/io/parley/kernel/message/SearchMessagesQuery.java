package io.parley.kernel.message;

/** Messages matching every word of {@code text} in the caller's conversations, or in one of them. */
public record SearchMessagesQuery(String userId, String text, String conversationId, int limit) {
}
