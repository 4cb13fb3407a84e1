package io.parley.kernel.account;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The password changed, by the user (keeping the session they used) or through a reset (keeping none). */
@Revision("1")
public record PasswordChangedEvent(String userId, String keptSessionId, boolean viaReset, Instant changedAt) implements AccountEvent {
}
