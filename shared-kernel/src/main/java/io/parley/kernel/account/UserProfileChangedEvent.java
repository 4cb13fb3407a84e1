package io.parley.kernel.account;

import java.time.Instant;

import io.parley.kernel.privacy.DataSubject;
import io.parley.kernel.privacy.Erased;
import io.parley.kernel.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** Profile fields changed; a null field was left as it was. */
@Revision("1")
public record UserProfileChangedEvent(@DataSubject String userId,
                                      @PersonalData(erasedAs = Erased.DISPLAY_NAME) String displayName,
                                      @PersonalData String bio, @PersonalData String avatarUrl,
                                      Instant changedAt) implements AccountEvent {
}
