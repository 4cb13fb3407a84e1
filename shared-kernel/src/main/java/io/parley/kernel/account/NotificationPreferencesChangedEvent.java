package io.parley.kernel.account;

import org.axonframework.serialization.Revision;

/** Which notification channels the user wants. */
@Revision("1")
public record NotificationPreferencesChangedEvent(String userId, boolean email, boolean push) implements AccountEvent {
}
