package io.parley.kernel.account;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A reset was requested; carries the single-use token the reset mail links to. */
@Revision("1")
public record PasswordResetRequestedEvent(String userId, String email, String displayName, String token, Instant expiresAt, Instant requestedAt) implements AccountEvent {
}
