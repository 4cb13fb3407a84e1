package io.parley.kernel.account;

import java.time.Instant;

import io.parley.kernel.privacy.DataSubject;
import io.parley.kernel.privacy.ErasesDataSubject;
import org.axonframework.serialization.Revision;

/** The account was deleted; read models erase the user's personal data. */
@Revision("1")
@ErasesDataSubject
public record UserDeletedEvent(@DataSubject String userId, Instant deletedAt) implements AccountEvent {
}
