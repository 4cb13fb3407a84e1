package io.parley.kernel.account;

import java.time.Instant;

import io.parley.kernel.privacy.DataSubject;
import io.parley.kernel.privacy.Erased;
import io.parley.kernel.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A reset was requested; carries the single-use token the reset mail links to. */
@Revision("1")
public record PasswordResetRequestedEvent(@DataSubject String userId, @PersonalData String email,
                                          @PersonalData(erasedAs = Erased.DISPLAY_NAME) String displayName,
                                          @PersonalData String token, Instant expiresAt,
                                          Instant requestedAt) implements AccountEvent {
}
