package io.parley.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a new password hash and ends every session but the one that asked. */
public record ChangePasswordCommand(@TargetAggregateIdentifier String userId, String newPasswordHash, String keptSessionId) {
}
