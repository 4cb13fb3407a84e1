package io.parley.command.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.parley.command.account.CredentialStore;
import io.parley.command.account.CredentialStore.Credentials;
import io.parley.command.account.Hashes;
import io.parley.command.web.RateLimits;
import io.parley.kernel.account.ChangePasswordCommand;
import io.parley.kernel.account.ConfirmPasswordResetCommand;
import io.parley.kernel.account.RegisterUserCommand;
import io.parley.kernel.account.RequestPasswordResetCommand;
import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.RevokeSessionsCommand;
import io.parley.kernel.account.Role;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registration, login, refresh-token rotation, logout and password changes and resets. */
@Service
class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    private static final Pattern USER_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway commands;
    private final CredentialStore credentials;
    private final SessionStore sessions;
    private final AccessTokens accessTokens;
    private final PasswordEncoder passwords;
    private final RateLimits rateLimits;
    private final SecurityProperties properties;
    private final Set<String> adminEmails;
    private final Clock clock;
    private final String unknownAccountHash;
    private final Executor passwordResets;

    AuthService(CommandGateway commands, CredentialStore credentials, SessionStore sessions, AccessTokens accessTokens,
                PasswordEncoder passwords, RateLimits rateLimits, SecurityProperties properties, Clock clock,
                @Qualifier("passwordResetExecutor") Executor passwordResets) {
        this.commands = commands;
        this.passwordResets = passwordResets;
        this.credentials = credentials;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.rateLimits = rateLimits;
        this.properties = properties;
        this.adminEmails = properties.adminEmails().stream()
                .filter(email -> !email.isBlank())
                .map(CredentialStore::normalize)
                .collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
        // Checked against when the email is unknown, so an unknown account costs as much time as a known one.
        this.unknownAccountHash = passwords.encode(randomToken());
    }

    String register(String email, String password, String displayName) {
        if (credentials.findByEmail(email).isPresent()) {
            throw emailTaken();
        }
        String userId = UUID.randomUUID().toString();
        Set<Role> roles = adminEmails.contains(CredentialStore.normalize(email))
                ? EnumSet.of(Role.USER, Role.ADMIN) : EnumSet.of(Role.USER);
        commands.sendAndWait(new RegisterUserCommand(userId, email.strip(), passwords.encode(password),
                displayName.strip(), roles));
        log.info("Registered user {}", userId);
        return userId;
    }

    Tokens login(String email, String password) {
        rateLimits.checkLoginAllowed(email);
        Credentials account = credentials.findByEmail(email).orElse(null);
        boolean matches = passwords.matches(password, account == null ? unknownAccountHash : account.passwordHash());
        if (account == null || !matches) {
            rateLimits.recordLoginFailure(email);
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "Wrong email or password.");
        }
        // Only after the password matched, so the answer tells nothing about an account to someone without it.
        if (account.deactivated()) {
            throw new DomainException(ErrorCode.USER_DEACTIVATED, "This account was deactivated by an administrator.");
        }
        String sessionId = UUID.randomUUID().toString();
        String refreshToken = randomToken();
        sessions.create(sessionId, account.userId(), Hashes.sha256(refreshToken),
                clock.instant().plus(properties.jwt().refreshTokenTtl()));
        log.info("User {} logged in, session {}", account.userId(), sessionId);
        return tokens(account, sessionId, refreshToken);
    }

    Tokens refresh(String refreshToken) {
        String hash = Hashes.sha256(refreshToken);
        SessionStore.Session current = sessions.findByRefreshTokenHash(hash).orElse(null);
        if (current != null) {
            if (!current.isActive(clock.instant())) {
                throw invalidRefreshToken();
            }
            Credentials account = credentials.findById(current.userId())
                    .filter(found -> !found.deactivated())
                    .orElseThrow(AuthService::invalidRefreshToken);
            String next = randomToken();
            if (sessions.rotate(current.sessionId(), hash, Hashes.sha256(next))) {
                return tokens(account, current.sessionId(), next);
            }
            // Another refresh with the same token won the race: this one is a reuse, handled below.
        }
        SessionStore.Session rotatedAway = sessions.findByRotatedRefreshTokenHash(hash)
                .orElseThrow(AuthService::invalidRefreshToken);
        if (rotatedAway.revokedAt() == null) {
            log.warn("Rotated refresh token presented again; revoking session {} of user {}",
                    rotatedAway.sessionId(), rotatedAway.userId());
            revoke(rotatedAway, RevocationReason.REFRESH_TOKEN_REUSED);
        }
        throw new DomainException(ErrorCode.REFRESH_TOKEN_REUSED,
                "This refresh token was used before; its session has been ended.");
    }

    void logout(String userId, String refreshToken) {
        String hash = Hashes.sha256(refreshToken);
        SessionStore.Session session = sessions.findByRefreshTokenHash(hash)
                .or(() -> sessions.findByRotatedRefreshTokenHash(hash))
                .filter(found -> found.userId().equals(userId))
                .orElseThrow(AuthService::invalidRefreshToken);
        revoke(session, RevocationReason.LOGOUT);
        log.info("User {} logged out of session {}", userId, session.sessionId());
    }

    void changePassword(String userId, String sessionId, String currentPassword, String newPassword) {
        Credentials account = credentials.findById(userId)
                .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "No such user."));
        if (!passwords.matches(currentPassword, account.passwordHash())) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "The current password is wrong.");
        }
        commands.sendAndWait(new ChangePasswordCommand(userId, passwords.encode(newPassword), sessionId));
        log.info("User {} changed the password", userId);
    }

    /** Starts a reset when the account exists; the caller learns nothing either way. */
    /**
     * Returns at once, whether or not the account exists: the look-up and the command run on a thread of their own,
     * so neither the answer, its headers nor its timing tells a caller whether the email has an account.
     */
    void requestPasswordReset(String email) {
        try {
            passwordResets.execute(() -> startPasswordReset(email));
        } catch (RejectedExecutionException full) {
            log.warn("Password reset requests are queued to the limit; one was dropped");
        }
    }

    private void startPasswordReset(String email) {
        credentials.findByEmail(email).ifPresent(account -> {
            // The user id prefix lets the confirm step find the aggregate; the random part is the secret.
            String token = account.userId() + "." + randomToken();
            Instant expiresAt = clock.instant().plus(properties.passwordResetTtl());
            try {
                commands.sendAndWait(new RequestPasswordResetCommand(account.userId(), token, expiresAt));
                log.info("Password reset requested for user {}", account.userId());
            } catch (DomainException rejected) {
                log.info("Password reset for user {} not started: {}", account.userId(), rejected.code());
            } catch (RuntimeException failure) {
                log.error("Password reset for user {} failed", account.userId(), failure);
            }
        });
    }

    void confirmPasswordReset(String token, String newPassword) {
        int dot = token.indexOf('.');
        String userId = dot > 0 ? token.substring(0, dot) : "";
        if (!USER_ID.matcher(userId).matches()) {
            throw invalidResetToken();
        }
        try {
            commands.sendAndWait(new ConfirmPasswordResetCommand(userId, token, passwords.encode(newPassword)));
            log.info("User {} reset the password", userId);
        } catch (AggregateNotFoundException unknownUser) {
            throw invalidResetToken();
        } catch (DomainException rejected) {
            if (rejected.code() == ErrorCode.USER_DELETED || rejected.code() == ErrorCode.USER_NOT_FOUND) {
                throw invalidResetToken();
            }
            throw rejected;
        }
    }

    private void revoke(SessionStore.Session session, RevocationReason reason) {
        try {
            commands.sendAndWait(new RevokeSessionsCommand(session.userId(), List.of(session.sessionId()), reason));
        } catch (DomainException rejected) {
            if (rejected.code() != ErrorCode.USER_DELETED) {
                throw rejected;
            }
        }
    }

    private Tokens tokens(Credentials account, String sessionId, String refreshToken) {
        return new Tokens(accessTokens.issue(account.userId(), account.roles(), sessionId), refreshToken,
                "Bearer", accessTokens.ttlSeconds(), account.userId());
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static DomainException emailTaken() {
        return new DomainException(ErrorCode.EMAIL_TAKEN, "An account with this email exists already.");
    }

    private static DomainException invalidRefreshToken() {
        return new DomainException(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid.");
    }

    private static DomainException invalidResetToken() {
        return new DomainException(ErrorCode.INVALID_RESET_TOKEN, "The reset token is invalid, expired or used.");
    }

    /** What login and refresh answer. */
    record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn, String userId) {
    }
}
