package io.parley.kernel.message;

/**
 * A member's live message stream of a conversation, as an Axon subscription query: the initial result is a
 * {@link MessageBacklog} of the messages with seq above {@code afterSeq} (at most {@code limit}), the updates are
 * {@link MessageChange}s. Sent point to point, the same query reads the next page of a backlog.
 */
public record StreamMessagesQuery(String userId, String conversationId, long afterSeq, int limit) {
}
