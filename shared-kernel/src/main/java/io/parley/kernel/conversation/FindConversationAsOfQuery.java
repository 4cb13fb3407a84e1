package io.parley.kernel.conversation;

import java.time.Instant;

/**
 * A conversation as it was at {@code at}, folded from its events, for a user who was a member then and is one now;
 * its messages paged as {@link io.parley.kernel.message.FindMessagesQuery} pages them.
 */
public record FindConversationAsOfQuery(String userId, String conversationId, Instant at, Long beforeSeq,
                                        Long afterSeq, int limit) {
}
