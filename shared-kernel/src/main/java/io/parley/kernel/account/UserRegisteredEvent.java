package io.parley.kernel.account;

import java.time.Instant;
import java.util.Set;

import io.parley.kernel.privacy.DataSubject;
import io.parley.kernel.privacy.Erased;
import io.parley.kernel.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A user signed up. The email is stored as typed; uniqueness is case-insensitive. */
@Revision("1")
public record UserRegisteredEvent(@DataSubject String userId, @PersonalData String email,
                                  @PersonalData(erasedAs = Erased.DISPLAY_NAME) String displayName,
                                  Set<Role> roles, Instant registeredAt) implements AccountEvent {
}
