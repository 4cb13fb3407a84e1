package io.parley.kernel.account;

import io.parley.kernel.privacy.DataSubject;
import io.parley.kernel.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A device token was removed, by the user or because the push service no longer knows it. */
@Revision("1")
public record DeviceRemovedEvent(@DataSubject String userId, @PersonalData String token) implements AccountEvent {
}
