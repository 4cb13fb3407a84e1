package io.parley.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.PasswordChangedEvent;
import io.parley.kernel.account.PasswordResetRequestedEvent;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.privacy.PersonalDataKeys;
import io.parley.notification.NotificationProcessing;
import io.parley.notification.account.AccountDirectory;
import io.parley.notification.job.JobPublisher;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import io.parley.notification.support.TestMail;
import io.parley.notification.support.TestMail.Received;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AccountEmailIT extends NotificationHandlerIntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    JobPublisher jobs;

    @Autowired
    PersonalDataKeys personalData;

    private static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    private EventMessage<?> register(String userId, String displayName) {
        return append(userId, new UserRegisteredEvent(userId, addressOf(userId), displayName, Set.of(Role.USER),
                Instant.now())).getFirst();
    }

    private Received onlyMailTo(String address) {
        await().atMost(WAIT).until(() -> !TestMail.to(address).isEmpty());
        awaitEmailJobsSettled();
        List<Received> mails = TestMail.to(address);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }

    @Test
    void registration_sendsOneWelcomeMail_inTextAndHtml_withTheNameEscapedInHtml() {
        String userId = newUserId();
        EventMessage<?> registered = register(userId, "Ada <Lovelace> & Co");

        Received mail = onlyMailTo(addressOf(userId));

        assertThat(mail.from()).contains("no-reply@parley.local");
        assertThat(mail.subject()).isEqualTo("Welcome to Parley, Ada <Lovelace> & Co");
        assertThat(mail.text()).contains("Hello Ada <Lovelace> & Co,").contains("welcome to Parley");
        assertThat(mail.html()).contains("Hello Ada &lt;Lovelace&gt; &amp; Co,").doesNotContain("<Lovelace>");
        String key = NotificationJob.key(registered.getIdentifier(), userId, NotificationChannel.EMAIL);
        assertThat(mail.messageId()).isEqualTo(EmailSender.messageId(key, "parley.local"));
    }

    @Test
    void passwordResetRequest_mailsTheLinkWithTheToken_toTheAddressInTheEvent() {
        String userId = newUserId();
        register(userId, "Grace");
        await().atMost(WAIT).until(() -> accounts.find(userId).isPresent());
        String token = "tok+en/" + UUID.randomUUID();
        Instant now = Instant.now();
        String resetAddress = "reset-" + addressOf(userId);
        append(userId, new PasswordResetRequestedEvent(userId, resetAddress, "Grace", token,
                now.plus(30, ChronoUnit.MINUTES), now));

        Received mail = onlyMailTo(resetAddress);

        String link = "https://parley.test/reset?token=" + token.replace("+", "%2B").replace("/", "%2F");
        assertThat(mail.subject()).isEqualTo("Reset your Parley password");
        assertThat(mail.text()).contains("Hello Grace,").contains(link);
        assertThat(mail.html()).contains("href=\"" + link + "\"");
    }

    @Test
    void passwordChange_isMailedToTheRegisteredAddress_sayingWhetherItWasChangedOrReset() {
        String userId = newUserId();
        register(userId, "Linus");
        append(userId, new PasswordChangedEvent(userId, "session-1", false, Instant.parse("2026-11-22T10:15:30Z")));
        await().atMost(WAIT).until(() -> TestMail.to(addressOf(userId)).size() == 2);
        append(userId, new PasswordChangedEvent(userId, null, true, Instant.parse("2026-11-22T11:00:00Z")));
        await().atMost(WAIT).until(() -> TestMail.to(addressOf(userId)).size() == 3);
        awaitEmailJobsSettled();

        List<Received> mails = TestMail.to(addressOf(userId));
        assertThat(mails).hasSize(3);
        assertThat(mails).extracting(Received::subject).containsExactlyInAnyOrder(
                "Welcome to Parley, Linus", "Your Parley password was changed", "Your Parley password was reset");
        assertThat(mails).filteredOn(mail -> mail.subject().endsWith("changed")).singleElement()
                .satisfies(mail -> assertThat(mail.text()).contains("was changed at 2026-11-22 10:15 UTC"));
    }

    /** Crypto-shredding (docs/adr/0007): the events of a user whose key is erased read as erased and mail no one. */
    @Test
    void anErasedUsersWelcomeAndResetMails_areNeverSent() {
        String userId = newUserId();
        String resetAddress = "reset-" + addressOf(userId);
        personalData.erase(userId);
        register(userId, "Erased");
        Instant now = Instant.now();
        append(userId, new PasswordResetRequestedEvent(userId, resetAddress, "Erased", "token-" + userId,
                now.plus(30, ChronoUnit.MINUTES), now));
        String witness = newUserId();
        register(witness, "Witness");

        onlyMailTo(addressOf(witness));

        assertThat(TestMail.to(addressOf(userId))).isEmpty();
        assertThat(TestMail.to(resetAddress)).isEmpty();
    }

    @Test
    void jobForADeletedAccount_isDropped_notSent() {
        String userId = newUserId();
        register(userId, "Gone");
        onlyMailTo(addressOf(userId));
        append(userId, new UserDeletedEvent(userId, Instant.now()));
        await().atMost(WAIT).until(() -> accounts.isDeleted(userId));
        double dropped = emailCount("dropped");

        jobs.publish(NotificationJob.of(UUID.randomUUID().toString(), NotificationChannel.EMAIL, "welcome", userId,
                addressOf(userId), Map.of("displayName", "Gone"), Instant.now()));

        await().atMost(WAIT).until(() -> emailCount("dropped") == dropped + 1);
        assertThat(TestMail.to(addressOf(userId))).hasSize(1);
        assertThat(accounts.find(userId)).isEmpty();
    }

    @Test
    void replayingTheEventStream_rebuildsTheAccounts_butSendsNothingAgain() {
        String before = newUserId();
        register(before, "Before");
        onlyMailTo(addressOf(before));
        awaitEmailJobsSettled();
        int mailsBefore = TestMail.total();
        double publishedBefore = emailCount("published");

        TrackingEventProcessor processor = processing.eventProcessorByProcessingGroup(
                NotificationProcessing.ACCOUNT_NOTIFICATIONS, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        // Events are handled in order: once the mail for an event after the reset arrived, the replay is over.
        String after = newUserId();
        register(after, "After");
        onlyMailTo(addressOf(after));

        assertThat(TestMail.total()).isEqualTo(mailsBefore + 1);
        assertThat(emailCount("published")).isEqualTo(publishedBefore + 1);
        assertThat(TestMail.to(addressOf(before))).hasSize(1);
        assertThat(accounts.find(before)).isPresent();
    }
}
