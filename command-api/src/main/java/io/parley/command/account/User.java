package io.parley.command.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.parley.kernel.account.ChangeNotificationPreferencesCommand;
import io.parley.kernel.account.ChangePasswordCommand;
import io.parley.kernel.account.ChangeProfileCommand;
import io.parley.kernel.account.ConfirmPasswordResetCommand;
import io.parley.command.attachment.StoredAttachments;
import io.parley.kernel.account.DeactivateUserCommand;
import io.parley.kernel.account.DeleteUserCommand;
import io.parley.kernel.account.DeviceRegisteredEvent;
import io.parley.kernel.account.DeviceRemovedEvent;
import io.parley.kernel.account.NotificationPreferencesChangedEvent;
import io.parley.kernel.account.PasswordChangedEvent;
import io.parley.kernel.account.PasswordResetRequestedEvent;
import io.parley.kernel.account.ReactivateUserCommand;
import io.parley.kernel.account.RegisterDeviceCommand;
import io.parley.kernel.account.RegisterUserCommand;
import io.parley.kernel.account.RemoveDeviceCommand;
import io.parley.kernel.account.RequestPasswordResetCommand;
import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.RevokeSessionsCommand;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserDeactivatedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserReactivatedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.privacy.PersonalDataKeys;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An account. Credentials and sessions live in command-side tables that the handlers write in the same
 * transaction as the events; the aggregate keeps only what its rules need.
 */
@Aggregate
class User {

    @AggregateIdentifier
    private String userId;
    // Kept because the reset mail (PasswordResetRequestedEvent) carries them.
    private String email;
    private String displayName;
    private String resetTokenHash;
    private Instant resetTokenExpiresAt;
    private final Set<String> deviceTokens = new HashSet<>();
    private boolean deleted;
    private boolean deactivated;

    User() {
    }

    @CommandHandler
    User(RegisterUserCommand command, CredentialStore credentials, Clock clock) {
        credentials.register(command.userId(), command.email(), command.passwordHash(), command.roles());
        apply(new UserRegisteredEvent(command.userId(), command.email().strip(), command.displayName(),
                Set.copyOf(command.roles()), clock.instant()));
    }

    @CommandHandler
    void handle(ChangeProfileCommand command, Clock clock) {
        requireLive();
        if (command.displayName() == null && command.bio() == null && command.avatarUrl() == null) {
            return;
        }
        apply(new UserProfileChangedEvent(userId, command.displayName(), command.bio(), command.avatarUrl(),
                clock.instant()));
    }

    @CommandHandler
    void handle(ChangePasswordCommand command, CredentialStore credentials, SessionRevoker sessions, Clock clock) {
        requireLive();
        credentials.changePasswordHash(userId, command.newPasswordHash());
        List<String> revoked = sessions.revokeAllExcept(userId, command.keptSessionId());
        Instant now = clock.instant();
        apply(new PasswordChangedEvent(userId, command.keptSessionId(), false, now));
        announce(revoked, RevocationReason.PASSWORD_CHANGED, now);
    }

    @CommandHandler
    void handle(RequestPasswordResetCommand command, Clock clock) {
        requireLive();
        requireActive();
        Instant now = clock.instant();
        if (command.token() == null || command.token().isBlank() || !command.expiresAt().isAfter(now)) {
            throw new DomainException(ErrorCode.INVALID_RESET_TOKEN, "A reset needs a token that has not expired.");
        }
        apply(new PasswordResetRequestedEvent(userId, email, displayName, command.token(), command.expiresAt(), now));
    }

    @CommandHandler
    void handle(ConfirmPasswordResetCommand command, CredentialStore credentials, SessionRevoker sessions,
                Clock clock) {
        requireLive();
        Instant now = clock.instant();
        if (command.token() == null || !Hashes.matches(command.token(), resetTokenHash)
                || !now.isBefore(resetTokenExpiresAt)) {
            throw new DomainException(ErrorCode.INVALID_RESET_TOKEN, "The reset token is invalid, expired or used.");
        }
        credentials.changePasswordHash(userId, command.newPasswordHash());
        List<String> revoked = sessions.revokeAllExcept(userId, null);
        apply(new PasswordChangedEvent(userId, null, true, now));
        announce(revoked, RevocationReason.PASSWORD_CHANGED, now);
    }

    @CommandHandler
    void handle(ChangeNotificationPreferencesCommand command) {
        requireLive();
        apply(new NotificationPreferencesChangedEvent(userId, command.email(), command.push()));
    }

    @CommandHandler
    void handle(RegisterDeviceCommand command, Clock clock) {
        requireLive();
        if (deviceTokens.contains(command.token())) {
            return;
        }
        apply(new DeviceRegisteredEvent(userId, command.token(), command.platform(), clock.instant()));
    }

    @CommandHandler
    void handle(RemoveDeviceCommand command) {
        requireLive();
        if (!deviceTokens.contains(command.token())) {
            return;
        }
        apply(new DeviceRemovedEvent(userId, command.token()));
    }

    @CommandHandler
    void handle(RevokeSessionsCommand command, SessionRevoker sessions, Clock clock) {
        requireLive();
        announce(sessions.revoke(userId, command.sessionIds()), command.reason(), clock.instant());
    }

    @CommandHandler
    void handle(DeleteUserCommand command, CredentialStore credentials, SessionRevoker sessions, Clock clock,
                StoredAttachments attachments, PersonalDataKeys personalData) {
        requireLive();
        List<String> revoked = sessions.revokeAllExcept(userId, null);
        credentials.delete(userId);
        attachments.discardAllOf(userId);
        // Crypto-shredding (docs/adr/0007): committed with the deletion event or not at all; from then on the
        // user's events read as erased everywhere, replays and copies of the store included.
        personalData.erase(userId);
        Instant now = clock.instant();
        announce(revoked, RevocationReason.ACCOUNT_DELETED, now);
        apply(new UserDeletedEvent(userId, now));
    }

    /**
     * ADMIN only (the web layer checks the role). Login stops at once (the credentials row says so in the same
     * transaction) and every session ends, which closes the user's sockets; deactivating twice changes nothing.
     */
    @CommandHandler
    void handle(DeactivateUserCommand command, CredentialStore credentials, SessionRevoker sessions, Clock clock) {
        requireLive();
        if (userId.equals(command.actorId())) {
            throw new DomainException(ErrorCode.CANNOT_TARGET_SELF, "An admin does not deactivate their own account.");
        }
        if (deactivated) {
            return;
        }
        credentials.deactivate(userId, true);
        List<String> revoked = sessions.revokeAllExcept(userId, null);
        Instant now = clock.instant();
        apply(new UserDeactivatedEvent(userId, command.actorId(), now));
        announce(revoked, RevocationReason.ACCOUNT_DEACTIVATED, now);
    }

    @CommandHandler
    void handle(ReactivateUserCommand command, CredentialStore credentials, Clock clock) {
        requireLive();
        if (!deactivated) {
            return;
        }
        credentials.deactivate(userId, false);
        apply(new UserReactivatedEvent(userId, command.actorId(), clock.instant()));
    }

    private void requireActive() {
        if (deactivated) {
            throw new DomainException(ErrorCode.USER_DEACTIVATED, "The account was deactivated.");
        }
    }

    private void requireLive() {
        if (deleted) {
            throw new DomainException(ErrorCode.USER_DELETED, "The account was deleted.");
        }
    }

    private void announce(List<String> revokedSessionIds, RevocationReason reason, Instant now) {
        if (!revokedSessionIds.isEmpty()) {
            apply(new SessionsRevokedEvent(userId, List.copyOf(revokedSessionIds), reason, now));
        }
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        email = event.email();
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(UserProfileChangedEvent event) {
        if (event.displayName() != null) {
            displayName = event.displayName();
        }
    }

    @EventSourcingHandler
    void on(PasswordResetRequestedEvent event) {
        resetTokenHash = Hashes.sha256(event.token());
        resetTokenExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(PasswordChangedEvent event) {
        resetTokenHash = null;
        resetTokenExpiresAt = null;
    }

    @EventSourcingHandler
    void on(DeviceRegisteredEvent event) {
        deviceTokens.add(event.token());
    }

    @EventSourcingHandler
    void on(DeviceRemovedEvent event) {
        deviceTokens.remove(event.token());
    }

    @EventSourcingHandler
    void on(UserDeactivatedEvent event) {
        deactivated = true;
    }

    @EventSourcingHandler
    void on(UserReactivatedEvent event) {
        deactivated = false;
    }

    @EventSourcingHandler
    void on(UserDeletedEvent event) {
        deleted = true;
        email = null;
        displayName = null;
        resetTokenHash = null;
        resetTokenExpiresAt = null;
        deviceTokens.clear();
    }
}
