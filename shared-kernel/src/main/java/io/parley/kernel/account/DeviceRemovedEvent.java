package io.parley.kernel.account;

import org.axonframework.serialization.Revision;

/** A device token was removed, by the user or because the push service no longer knows it. */
@Revision("1")
public record DeviceRemovedEvent(String userId, String token) implements AccountEvent {
}
