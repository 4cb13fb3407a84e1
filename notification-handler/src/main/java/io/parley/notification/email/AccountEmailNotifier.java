package io.parley.notification.email;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.parley.kernel.account.PasswordChangedEvent;
import io.parley.kernel.account.PasswordResetRequestedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.privacy.Erased;
import io.parley.notification.NotificationProcessing;
import io.parley.notification.account.Account;
import io.parley.notification.account.AccountDirectory;
import io.parley.notification.job.JobPublisher;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns account events into email jobs: welcome, password reset (with the link) and password changed. These are
 * account and security mails, so they go out whatever the email preference says. Never replayed; an event handled
 * twice publishes a job with the same idempotency key, which the worker sends once. A job that cannot be published
 * fails the handler, and the processor retries the event.
 */
@Component
@DisallowReplay
@ProcessingGroup(NotificationProcessing.ACCOUNT_NOTIFICATIONS)
class AccountEmailNotifier {

    static final String WELCOME = "welcome";
    static final String PASSWORD_RESET = "password-reset";
    static final String PASSWORD_CHANGED = "password-changed";
    private static final Logger log = LoggerFactory.getLogger(AccountEmailNotifier.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final JobPublisher jobs;
    private final AccountDirectory accounts;
    private final EmailProperties properties;

    AccountEmailNotifier(JobPublisher jobs, AccountDirectory accounts, EmailProperties properties) {
        this.jobs = jobs;
        this.accounts = accounts;
        this.properties = properties;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @MessageIdentifier String eventId) {
        if (Erased.is(event.email())) {
            log.info("User {} was erased before their welcome mail; not sending it", event.userId());
            return;
        }
        jobs.publish(NotificationJob.of(eventId, NotificationChannel.EMAIL, WELCOME, event.userId(), event.email(),
                Map.of("displayName", text(event.displayName())), event.registeredAt()));
    }

    @EventHandler
    void on(PasswordResetRequestedEvent event, @MessageIdentifier String eventId) {
        if (event.expiresAt() != null && !event.expiresAt().isAfter(Instant.now())) {
            log.info("Password reset of user {} expired before its mail could be sent; not sending it", event.userId());
            return;
        }
        if (Erased.is(event.email()) || Erased.is(event.token())) {
            log.info("User {} was erased before their reset mail; not sending it", event.userId());
            return;
        }
        String link = properties.passwordResetUrl() + URLEncoder.encode(event.token(), StandardCharsets.UTF_8);
        jobs.publish(NotificationJob.of(eventId, NotificationChannel.EMAIL, PASSWORD_RESET, event.userId(),
                event.email(), Map.of(
                        "displayName", text(event.displayName()),
                        "link", link,
                        "expiresAt", WHEN.format(Objects.requireNonNullElse(event.expiresAt(), event.requestedAt()))),
                event.requestedAt()));
    }

    @EventHandler
    void on(PasswordChangedEvent event, @MessageIdentifier String eventId) {
        Optional<Account> account = accounts.find(event.userId());
        if (account.isEmpty() || account.get().email() == null) {
            log.warn("Password of user {} changed, but the account is unknown or deleted; no mail", event.userId());
            return;
        }
        jobs.publish(NotificationJob.of(eventId, NotificationChannel.EMAIL, PASSWORD_CHANGED, event.userId(),
                account.get().email(), Map.of(
                        "displayName", text(account.get().displayName()),
                        "action", event.viaReset() ? "reset" : "changed",
                        "changedAt", WHEN.format(event.changedAt())),
                event.changedAt()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
