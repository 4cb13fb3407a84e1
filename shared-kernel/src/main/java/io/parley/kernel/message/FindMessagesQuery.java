package io.parley.kernel.message;

/**
 * A page of a conversation's messages for a member: before {@code beforeSeq}, after {@code afterSeq}, or the newest
 * (both null); at most one of the two is set.
 */
public record FindMessagesQuery(String userId, String conversationId, Long beforeSeq, Long afterSeq, int limit) {
}
