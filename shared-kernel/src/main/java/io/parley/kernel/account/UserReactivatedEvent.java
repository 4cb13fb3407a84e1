package io.parley.kernel.account;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** An ADMIN reactivated a deactivated account: it can log in again. */
@Revision("1")
public record UserReactivatedEvent(String userId, String reactivatedBy, Instant reactivatedAt) implements AccountEvent {
}
