package io.parley.kernel.account;

import java.time.Instant;
import java.util.Set;

import org.axonframework.serialization.Revision;

/** A user signed up. The email is stored as typed; uniqueness is case-insensitive. */
@Revision("1")
public record UserRegisteredEvent(String userId, String email, String displayName, Set<Role> roles, Instant registeredAt) implements AccountEvent {
}
