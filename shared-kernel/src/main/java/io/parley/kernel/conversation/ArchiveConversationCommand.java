package io.parley.kernel.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN of the service ({@code actorId}) archives a conversation: it stays readable and takes no more messages. */
public record ArchiveConversationCommand(@TargetAggregateIdentifier String conversationId, String actorId) {
}
