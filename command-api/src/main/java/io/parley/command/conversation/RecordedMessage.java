package io.parley.command.conversation;

/** The facts about one message that the Conversation aggregate's rules need; never its text. */
record RecordedMessage(String conversationId, String messageId, long seq, String senderId, String clientMessageId,
                       boolean deleted) {
}
