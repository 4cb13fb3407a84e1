package io.parley.kernel.message;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteMessageCommand(@TargetAggregateIdentifier String conversationId, String actorId, String messageId,
                                   DeletionScope scope) {
}
