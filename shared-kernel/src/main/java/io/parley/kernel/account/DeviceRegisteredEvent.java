package io.parley.kernel.account;

import java.time.Instant;

import io.parley.kernel.privacy.DataSubject;
import io.parley.kernel.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A device token for push notifications was registered. */
@Revision("1")
public record DeviceRegisteredEvent(@DataSubject String userId, @PersonalData String token, DevicePlatform platform,
                                    Instant registeredAt) implements AccountEvent {
}
