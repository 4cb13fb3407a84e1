package io.parley.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes the account. */
public record DeleteUserCommand(@TargetAggregateIdentifier String userId) {
}
