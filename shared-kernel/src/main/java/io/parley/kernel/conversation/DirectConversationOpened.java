package io.parley.kernel.conversation;

/** The answer to {@link OpenDirectConversationCommand}: {@code created} is false when the pair already had it. */
public record DirectConversationOpened(String conversationId, boolean created) {
}
