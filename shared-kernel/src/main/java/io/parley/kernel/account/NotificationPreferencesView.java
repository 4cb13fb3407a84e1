package io.parley.kernel.account;

/** Which notification channels the user wants: both on until they say otherwise. */
public record NotificationPreferencesView(boolean email, boolean push) {
}
