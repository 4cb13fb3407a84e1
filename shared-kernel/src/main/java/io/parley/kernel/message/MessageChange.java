package io.parley.kernel.message;

/**
 * One change of a conversation's messages, as the message read model applied it: the message as it is after the
 * change, and {@code version}, the aggregate sequence number of the event that made it (so a reader can tell
 * whether it has seen this state already). {@link MessageChangeType#MEMBER_REMOVED} carries no message: it ends the
 * stream of the removed member.
 */
public record MessageChange(MessageChangeType type, String conversationId, MessageView message, long version) {
}
