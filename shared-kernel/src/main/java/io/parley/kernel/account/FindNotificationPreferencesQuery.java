package io.parley.kernel.account;

/** The caller's own notification preferences, as {@link NotificationPreferencesView}. */
public record FindNotificationPreferencesQuery(String userId) {
}
