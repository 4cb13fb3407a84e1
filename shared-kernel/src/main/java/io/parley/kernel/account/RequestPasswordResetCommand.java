package io.parley.kernel.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a password reset with a single-use token. */
public record RequestPasswordResetCommand(@TargetAggregateIdentifier String userId, String token, Instant expiresAt) {
}
