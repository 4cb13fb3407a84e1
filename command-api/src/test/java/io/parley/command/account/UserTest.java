package io.parley.command.account;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.parley.kernel.account.ChangeNotificationPreferencesCommand;
import io.parley.kernel.account.ChangePasswordCommand;
import io.parley.kernel.account.ChangeProfileCommand;
import io.parley.kernel.account.ConfirmPasswordResetCommand;
import io.parley.kernel.account.DeactivateUserCommand;
import io.parley.kernel.account.DeleteUserCommand;
import io.parley.kernel.account.DevicePlatform;
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
import io.parley.kernel.account.Role;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserDeactivatedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserReactivatedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.error.ErrorDetails;
import io.parley.kernel.privacy.PersonalDataKeys;
import io.parley.command.attachment.StoredAttachments;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String USER = "0b6f1f1e-9d1c-4d7e-9a57-5b1f3c2d4e5f";
    private static final String TOKEN = USER + ".secret";
    private static final String ADMIN = "5a0c2d1e-1111-4a2b-8c3d-000000000001";

    private AggregateTestFixture<User> fixture;
    private CredentialStore credentials;
    private SessionRevoker sessions;
    private PersonalDataKeys personalData;

    @BeforeEach
    void setUp() {
        credentials = mock(CredentialStore.class);
        sessions = mock(SessionRevoker.class);
        when(sessions.revokeAllExcept(anyString(), any())).thenReturn(List.of());
        when(sessions.revoke(anyString(), any())).thenReturn(List.of());
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(credentials);
        fixture.registerInjectableResource(sessions);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(mock(StoredAttachments.class));
        personalData = mock(PersonalDataKeys.class);
        fixture.registerInjectableResource(personalData);
    }

    private static UserRegisteredEvent registered() {
        return new UserRegisteredEvent(USER, "Ada@Example.org", "Ada", Set.of(Role.USER), NOW.minusSeconds(3600));
    }

    private static PasswordResetRequestedEvent resetRequested(Instant expiresAt) {
        return new PasswordResetRequestedEvent(USER, "Ada@Example.org", "Ada", TOKEN, expiresAt, NOW.minusSeconds(60));
    }

    private static void expectCode(ResultValidator<User> result, ErrorCode code) {
        result.expectException(DomainException.class)
                .expectExceptionDetails(new CustomTypeSafeMatcher<ErrorDetails>("error details with code " + code) {
                    @Override
                    protected boolean matchesSafely(ErrorDetails details) {
                        return details.code() == code;
                    }
                });
    }

    @Test
    void register_claimsTheEmail_andAppliesUserRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, " Ada@Example.org ", "hash", "Ada", Set.of(Role.USER)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserRegisteredEvent(USER, "Ada@Example.org", "Ada", Set.of(Role.USER), NOW));
        verify(credentials).register(USER, " Ada@Example.org ", "hash", Set.of(Role.USER));
    }

    @Test
    void register_isRejected_whenTheEmailIsTaken() {
        doThrow(new DomainException(ErrorCode.EMAIL_TAKEN, "taken"))
                .when(credentials).register(anyString(), anyString(), anyString(), any());
        expectCode(fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, "ada@example.org", "hash", "Ada", Set.of(Role.USER)))
                .expectNoEvents(), ErrorCode.EMAIL_TAKEN);
    }

    @Test
    void changeProfile_appliesTheGivenFields() {
        fixture.given(registered())
                .when(new ChangeProfileCommand(USER, "Ada L.", null, "https://example.org/a.png"))
                .expectEvents(new UserProfileChangedEvent(USER, "Ada L.", null, "https://example.org/a.png", NOW));
    }

    @Test
    void changeProfile_appliesNothing_whenNoFieldIsGiven() {
        fixture.given(registered())
                .when(new ChangeProfileCommand(USER, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changePassword_storesTheNewHash_andRevokesTheOtherSessions() {
        when(sessions.revokeAllExcept(USER, "s1")).thenReturn(List.of("s2", "s3"));
        fixture.given(registered())
                .when(new ChangePasswordCommand(USER, "new-hash", "s1"))
                .expectEvents(new PasswordChangedEvent(USER, "s1", false, NOW),
                        new SessionsRevokedEvent(USER, List.of("s2", "s3"), RevocationReason.PASSWORD_CHANGED, NOW));
        verify(credentials).changePasswordHash(USER, "new-hash");
    }

    @Test
    void changePassword_announcesNoRevocation_whenNoOtherSessionWasActive() {
        fixture.given(registered())
                .when(new ChangePasswordCommand(USER, "new-hash", "s1"))
                .expectEvents(new PasswordChangedEvent(USER, "s1", false, NOW));
    }

    @Test
    void requestPasswordReset_appliesTheTokenAndWhatTheMailNeeds() {
        Instant expiresAt = NOW.plus(Duration.ofMinutes(30));
        fixture.given(registered(), new UserProfileChangedEvent(USER, "Ada L.", null, null, NOW))
                .when(new RequestPasswordResetCommand(USER, TOKEN, expiresAt))
                .expectEvents(new PasswordResetRequestedEvent(USER, "Ada@Example.org", "Ada L.", TOKEN, expiresAt, NOW));
    }

    @Test
    void requestPasswordReset_isRejected_whenTheTokenHasExpiredAlready() {
        expectCode(fixture.given(registered())
                .when(new RequestPasswordResetCommand(USER, TOKEN, NOW.minusSeconds(1)))
                .expectNoEvents(), ErrorCode.INVALID_RESET_TOKEN);
    }

    @Test
    void confirmPasswordReset_changesThePassword_andRevokesEverySession() {
        when(sessions.revokeAllExcept(eq(USER), isNull())).thenReturn(List.of("s1"));
        fixture.given(registered(), resetRequested(NOW.plusSeconds(60)))
                .when(new ConfirmPasswordResetCommand(USER, TOKEN, "new-hash"))
                .expectEvents(new PasswordChangedEvent(USER, null, true, NOW),
                        new SessionsRevokedEvent(USER, List.of("s1"), RevocationReason.PASSWORD_CHANGED, NOW));
        verify(credentials).changePasswordHash(USER, "new-hash");
    }

    @Test
    void confirmPasswordReset_isRejected_whenTheTokenIsWrong() {
        expectCode(fixture.given(registered(), resetRequested(NOW.plusSeconds(60)))
                .when(new ConfirmPasswordResetCommand(USER, USER + ".guess", "new-hash"))
                .expectNoEvents(), ErrorCode.INVALID_RESET_TOKEN);
        verify(credentials, never()).changePasswordHash(anyString(), anyString());
    }

    @Test
    void confirmPasswordReset_isRejected_whenTheTokenHasExpired() {
        expectCode(fixture.given(registered(), resetRequested(NOW))
                .when(new ConfirmPasswordResetCommand(USER, TOKEN, "new-hash"))
                .expectNoEvents(), ErrorCode.INVALID_RESET_TOKEN);
    }

    @Test
    void confirmPasswordReset_isRejected_whenTheTokenWasUsedAlready() {
        expectCode(fixture.given(registered(), resetRequested(NOW.plusSeconds(60)),
                        new PasswordChangedEvent(USER, null, true, NOW.minusSeconds(10)))
                .when(new ConfirmPasswordResetCommand(USER, TOKEN, "new-hash"))
                .expectNoEvents(), ErrorCode.INVALID_RESET_TOKEN);
    }

    @Test
    void confirmPasswordReset_isRejected_whenNoResetWasRequested() {
        expectCode(fixture.given(registered())
                .when(new ConfirmPasswordResetCommand(USER, TOKEN, "new-hash"))
                .expectNoEvents(), ErrorCode.INVALID_RESET_TOKEN);
    }

    @Test
    void confirmPasswordReset_acceptsOnlyTheLatestToken_whenResetWasRequestedTwice() {
        PasswordResetRequestedEvent later = new PasswordResetRequestedEvent(USER, "Ada@Example.org", "Ada",
                USER + ".later", NOW.plusSeconds(60), NOW);
        expectCode(fixture.given(registered(), resetRequested(NOW.plusSeconds(60)), later)
                .when(new ConfirmPasswordResetCommand(USER, TOKEN, "new-hash"))
                .expectNoEvents(), ErrorCode.INVALID_RESET_TOKEN);
    }

    @Test
    void changeNotificationPreferences_appliesTheChoice() {
        fixture.given(registered())
                .when(new ChangeNotificationPreferencesCommand(USER, false, true))
                .expectEvents(new NotificationPreferencesChangedEvent(USER, false, true));
    }

    @Test
    void registerDevice_appliesDeviceRegistered() {
        fixture.given(registered())
                .when(new RegisterDeviceCommand(USER, "fcm-1", DevicePlatform.ANDROID))
                .expectEvents(new DeviceRegisteredEvent(USER, "fcm-1", DevicePlatform.ANDROID, NOW));
    }

    @Test
    void registerDevice_appliesNothing_whenTheTokenIsRegisteredAlready() {
        fixture.given(registered(), new DeviceRegisteredEvent(USER, "fcm-1", DevicePlatform.ANDROID, NOW))
                .when(new RegisterDeviceCommand(USER, "fcm-1", DevicePlatform.ANDROID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removeDevice_appliesDeviceRemoved() {
        fixture.given(registered(), new DeviceRegisteredEvent(USER, "fcm-1", DevicePlatform.WEB, NOW))
                .when(new RemoveDeviceCommand(USER, "fcm-1"))
                .expectEvents(new DeviceRemovedEvent(USER, "fcm-1"));
    }

    @Test
    void removeDevice_appliesNothing_whenTheTokenIsUnknown() {
        fixture.given(registered(), new DeviceRegisteredEvent(USER, "fcm-1", DevicePlatform.WEB, NOW),
                        new DeviceRemovedEvent(USER, "fcm-1"))
                .when(new RemoveDeviceCommand(USER, "fcm-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void revokeSessions_announcesTheSessionsThatWereActive() {
        when(sessions.revoke(USER, List.of("s1", "s2"))).thenReturn(List.of("s1"));
        fixture.given(registered())
                .when(new RevokeSessionsCommand(USER, List.of("s1", "s2"), RevocationReason.LOGOUT))
                .expectEvents(new SessionsRevokedEvent(USER, List.of("s1"), RevocationReason.LOGOUT, NOW));
    }

    @Test
    void revokeSessions_appliesNothing_whenNoneWasActive() {
        fixture.given(registered())
                .when(new RevokeSessionsCommand(USER, List.of("s1"), RevocationReason.REFRESH_TOKEN_REUSED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void delete_revokesEverySession_freesTheCredentials_erasesTheKey_andAppliesUserDeleted() {
        when(sessions.revokeAllExcept(eq(USER), isNull())).thenReturn(List.of("s1", "s2"));
        fixture.given(registered())
                .when(new DeleteUserCommand(USER))
                .expectEvents(new SessionsRevokedEvent(USER, List.of("s1", "s2"), RevocationReason.ACCOUNT_DELETED, NOW),
                        new UserDeletedEvent(USER, NOW));
        verify(credentials).delete(USER);
        verify(personalData).erase(USER);
    }

    static Stream<Object> commandsOnAnAccount() {
        return Stream.of(
                new ChangeProfileCommand(USER, "Ada", null, null),
                new ChangePasswordCommand(USER, "hash", "s1"),
                new RequestPasswordResetCommand(USER, TOKEN, NOW.plusSeconds(60)),
                new ConfirmPasswordResetCommand(USER, TOKEN, "hash"),
                new ChangeNotificationPreferencesCommand(USER, true, true),
                new RegisterDeviceCommand(USER, "fcm-1", DevicePlatform.IOS),
                new RemoveDeviceCommand(USER, "fcm-1"),
                new RevokeSessionsCommand(USER, List.of("s1"), RevocationReason.LOGOUT),
                new DeleteUserCommand(USER),
                new DeactivateUserCommand(USER, ADMIN),
                new ReactivateUserCommand(USER, ADMIN));
    }

    @Test
    void deactivate_refusesLogin_revokesEverySession_andAppliesUserDeactivated() {
        when(sessions.revokeAllExcept(eq(USER), isNull())).thenReturn(List.of("s1", "s2"));
        fixture.given(registered())
                .when(new DeactivateUserCommand(USER, ADMIN))
                .expectEvents(new UserDeactivatedEvent(USER, ADMIN, NOW),
                        new SessionsRevokedEvent(USER, List.of("s1", "s2"), RevocationReason.ACCOUNT_DEACTIVATED, NOW));
        verify(credentials).deactivate(USER, true);
    }

    @Test
    void deactivate_changesNothing_whenTheAccountIsDeactivatedAlready() {
        fixture.given(registered(), new UserDeactivatedEvent(USER, ADMIN, NOW.minusSeconds(5)))
                .when(new DeactivateUserCommand(USER, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        verify(credentials, never()).deactivate(anyString(), anyBoolean());
    }

    @Test
    void deactivate_isRejected_forTheAdminsOwnAccount() {
        expectCode(fixture.given(registered())
                .when(new DeactivateUserCommand(USER, USER))
                .expectNoEvents(), ErrorCode.CANNOT_TARGET_SELF);
        verify(credentials, never()).deactivate(anyString(), anyBoolean());
    }

    @Test
    void reactivate_letsTheAccountLogInAgain_andAppliesUserReactivated() {
        fixture.given(registered(), new UserDeactivatedEvent(USER, ADMIN, NOW.minusSeconds(5)))
                .when(new ReactivateUserCommand(USER, ADMIN))
                .expectEvents(new UserReactivatedEvent(USER, ADMIN, NOW));
        verify(credentials).deactivate(USER, false);
    }

    @Test
    void reactivate_changesNothing_whenTheAccountIsActive() {
        fixture.given(registered())
                .when(new ReactivateUserCommand(USER, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        verify(credentials, never()).deactivate(anyString(), anyBoolean());
    }

    @Test
    void passwordReset_isRejected_whenTheAccountIsDeactivated() {
        expectCode(fixture.given(registered(), new UserDeactivatedEvent(USER, ADMIN, NOW.minusSeconds(5)))
                .when(new RequestPasswordResetCommand(USER, TOKEN, NOW.plusSeconds(60)))
                .expectNoEvents(), ErrorCode.USER_DEACTIVATED);
    }

    @ParameterizedTest
    @MethodSource("commandsOnAnAccount")
    void everyCommand_isRejected_whenTheUserWasDeleted(Object command) {
        expectCode(fixture.given(registered(), new UserDeletedEvent(USER, NOW.minusSeconds(5)))
                .when(command)
                .expectNoEvents(), ErrorCode.USER_DELETED);
    }
}
