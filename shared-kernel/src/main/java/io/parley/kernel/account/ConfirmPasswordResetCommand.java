package io.parley.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Completes a reset with the token from the mail. */
public record ConfirmPasswordResetCommand(@TargetAggregateIdentifier String userId, String token, String newPasswordHash) {
}
