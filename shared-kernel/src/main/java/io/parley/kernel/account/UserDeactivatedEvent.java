package io.parley.kernel.account;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** An ADMIN deactivated the account: login is refused until it is reactivated (its sessions end in the same unit). */
@Revision("1")
public record UserDeactivatedEvent(String userId, String deactivatedBy, Instant deactivatedAt) implements AccountEvent {
}
