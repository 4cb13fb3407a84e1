package io.parley.kernel.account;

/** Every event of the {@code User} aggregate, so projections can switch over them exhaustively. */
public sealed interface AccountEvent permits UserRegisteredEvent, UserProfileChangedEvent, PasswordChangedEvent,
        PasswordResetRequestedEvent, NotificationPreferencesChangedEvent, DeviceRegisteredEvent, DeviceRemovedEvent,
        SessionsRevokedEvent, UserDeletedEvent, UserDeactivatedEvent, UserReactivatedEvent {

    String userId();
}
