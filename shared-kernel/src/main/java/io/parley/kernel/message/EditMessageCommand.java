package io.parley.kernel.message;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a message's text (its author only). */
public record EditMessageCommand(@TargetAggregateIdentifier String conversationId, String editorId, String messageId,
                                 String text) {
}
