package io.parley.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.parley.kernel.account.DevicePlatform;
import io.parley.notification.account.Account;
import io.parley.notification.account.AccountDirectory;
import io.parley.notification.conversation.ConversationDirectory;
import io.parley.notification.device.DeviceDirectory;
import io.parley.notification.job.JobHandler;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PushSenderTest {

    private static final PushProperties NO_CREDENTIALS = new PushProperties("", "", 100, Duration.ofSeconds(10));

    @Test
    void withoutCredentials_aPushIsLoggedWithIdsOnly_notSent(CapturedOutput output) throws Exception {
        AccountDirectory accounts = mock(AccountDirectory.class);
        ConversationDirectory conversations = mock(ConversationDirectory.class);
        DeviceDirectory devices = mock(DeviceDirectory.class);
        when(accounts.find("user-1")).thenReturn(Optional.of(new Account("user-1", "a@parley.test", "Ada", true, true)));
        when(conversations.isMember("conversation-1", "user-1")).thenReturn(true);
        when(devices.devices("user-1")).thenReturn(List.of(
                new DeviceDirectory.Device("user-1", "secret-device-token", DevicePlatform.IOS)));
        PushSender sender = new PushSender(Firebase.of(NO_CREDENTIALS, null, null), accounts, conversations, devices);

        JobHandler.Outcome outcome = sender.send(NotificationJob.of("event-1", NotificationChannel.PUSH, "message",
                "user-1", null, Map.of(PushSender.TITLE, "Group", PushSender.BODY, "Ada: the secret text",
                        PushSender.CONVERSATION_ID, "conversation-1"), Instant.now()));

        assertThat(outcome).isEqualTo(JobHandler.Outcome.LOGGED);
        assertThat(output).contains("push.message for user user-1 to 1 device(s) logged, not sent")
                .doesNotContain("secret-device-token").doesNotContain("the secret text");
    }

    @Test
    void credentialsThatAreNamedButUnreadable_stopTheStart() {
        assertThatThrownBy(() -> Firebase.of(new PushProperties("/nonexistent/key.json", "", 100, Duration.ofSeconds(1)),
                null, null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("/nonexistent/key.json");
    }
}
