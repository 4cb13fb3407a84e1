package io.parley.kernel.account;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The account was deleted; read models erase the user's personal data. */
@Revision("1")
public record UserDeletedEvent(String userId, Instant deletedAt) implements AccountEvent {
}
