package io.parley.kernel.message;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reacts to a message; {@code emoji} must be a single {@link Emoji}. Reacting twice the same way changes nothing. */
public record AddReactionCommand(@TargetAggregateIdentifier String conversationId, String userId, String messageId,
                                 String emoji) {
}
