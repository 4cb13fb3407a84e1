package io.parley.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN ({@code actorId}) deactivates an account: its sessions end and it can no longer log in. */
public record DeactivateUserCommand(@TargetAggregateIdentifier String userId, String actorId) {
}
