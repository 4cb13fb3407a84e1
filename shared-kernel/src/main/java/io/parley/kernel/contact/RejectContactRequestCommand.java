package io.parley.kernel.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The recipient rejects the pending request {@code requestId}. */
public record RejectContactRequestCommand(@TargetAggregateIdentifier String requestId, String userId) {
}
