package io.parley.kernel.message;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveReactionCommand(@TargetAggregateIdentifier String conversationId, String userId, String messageId,
                                    String emoji) {
}
