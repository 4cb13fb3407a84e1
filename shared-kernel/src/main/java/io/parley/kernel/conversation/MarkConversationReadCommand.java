package io.parley.kernel.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves the caller's read marker to {@code upToSeq} (0 up to the conversation's last seq). */
public record MarkConversationReadCommand(@TargetAggregateIdentifier String conversationId, String userId, long upToSeq) {
}
