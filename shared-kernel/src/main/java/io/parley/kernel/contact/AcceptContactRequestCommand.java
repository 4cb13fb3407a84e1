package io.parley.kernel.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The recipient accepts the pending request {@code requestId}. */
public record AcceptContactRequestCommand(@TargetAggregateIdentifier String requestId, String userId) {
}
