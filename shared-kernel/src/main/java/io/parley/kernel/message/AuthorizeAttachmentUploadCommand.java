package io.parley.kernel.message;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks whether {@code uploaderId} may upload to the conversation (a member); appends nothing. */
public record AuthorizeAttachmentUploadCommand(@TargetAggregateIdentifier String conversationId, String uploaderId) {
}
