package io.parley.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN ({@code actorId}) lets a deactivated account log in again. */
public record ReactivateUserCommand(@TargetAggregateIdentifier String userId, String actorId) {
}
