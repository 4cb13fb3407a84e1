package io.parley.kernel.account;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** A device token for push notifications was registered. */
@Revision("1")
public record DeviceRegisteredEvent(String userId, String token, DevicePlatform platform, Instant registeredAt) implements AccountEvent {
}
