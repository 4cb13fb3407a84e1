package io.parley.kernel.message;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN of the service ({@code actorId}, not necessarily a member) removes a message for everyone. */
public record RemoveMessageCommand(@TargetAggregateIdentifier String conversationId, String actorId, String messageId) {
}
