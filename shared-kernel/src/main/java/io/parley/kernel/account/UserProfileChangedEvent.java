package io.parley.kernel.account;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** Profile fields changed; a null field was left as it was. */
@Revision("1")
public record UserProfileChangedEvent(String userId, String displayName, String bio, String avatarUrl, Instant changedAt) implements AccountEvent {
}
