package io.parley.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

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

    private static final PushProperties NO_CREDENTIALS = new PushProperties("", "", 100, Duration.ofSeconds(10), "");

    @Test
    void withoutCredentials_aPushIsLoggedWithIdsOnly_notSent(CapturedOutput output) throws Exception {
        PushSender sender = adaWithDevices(Firebase.of(NO_CREDENTIALS, null, null),
                new DeviceDirectory.Device("user-1", "secret-device-token", DevicePlatform.IOS));

        JobHandler.Outcome outcome = sender.send(NotificationJob.of("event-1", NotificationChannel.PUSH, "message",
                "user-1", null, Map.of(PushSender.TITLE, "Group", PushSender.BODY, "Ada: the secret text",
                        PushSender.CONVERSATION_ID, "conversation-1"), Instant.now()));

        assertThat(outcome).isEqualTo(JobHandler.Outcome.LOGGED);
        assertThat(output).contains("push.message for user user-1 to 1 device(s) logged, not sent")
                .doesNotContain("secret-device-token").doesNotContain("the secret text");
    }

    @Test
    void credentialsThatAreNamedButUnreadable_stopTheStart() {
        assertThatThrownBy(() -> Firebase.of(new PushProperties("/nonexistent/key.json", "", 100, Duration.ofSeconds(1), ""),
                null, null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("/nonexistent/key.json");
    }

    @Test
    void withAnFcmStandIn_theRealFcmRequestGoesThere_toEachDevice() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer fcm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fcm.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = "{\"name\":\"projects/chaos/messages/1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        fcm.start();
        try (Firebase firebase = Firebase.of(new PushProperties("", "chaos", 100, Duration.ofSeconds(5),
                "http://127.0.0.1:" + fcm.getAddress().getPort() + "/"), null, null)) {
            PushSender sender = adaWithDevices(firebase,
                    new DeviceDirectory.Device("user-1", "device-a", DevicePlatform.ANDROID),
                    new DeviceDirectory.Device("user-1", "device-b", DevicePlatform.WEB));

            JobHandler.Outcome outcome = sender.send(NotificationJob.of("event-1", NotificationChannel.PUSH, "message",
                    "user-1", null, Map.of(PushSender.TITLE, "Group", PushSender.BODY, "Ada: hello",
                            PushSender.CONVERSATION_ID, "conversation-1", PushSender.MESSAGE_ID, "message-1"),
                    Instant.now()));

            assertThat(outcome).isEqualTo(JobHandler.Outcome.SENT);
            assertThat(received).hasSize(2).allSatisfy(request -> assertThat(request)
                    .startsWith("POST /v1/projects/chaos/messages:send Bearer stand-in ")
                    .contains("\"messageId\":\"message-1\""));
            assertThat(received).anySatisfy(request -> assertThat(request).contains("\"token\":\"device-a\""))
                    .anySatisfy(request -> assertThat(request).contains("\"token\":\"device-b\""));
        } finally {
            fcm.stop(0);
        }
    }

    /** A sender for user-1 (Ada, push on), a member of conversation-1, with these devices. */
    private static PushSender adaWithDevices(Firebase firebase, DeviceDirectory.Device... devices) {
        AccountDirectory accounts = mock(AccountDirectory.class);
        ConversationDirectory conversations = mock(ConversationDirectory.class);
        DeviceDirectory directory = mock(DeviceDirectory.class);
        when(accounts.find("user-1")).thenReturn(Optional.of(new Account("user-1", "a@parley.test", "Ada", true, true)));
        when(conversations.isMember("conversation-1", "user-1")).thenReturn(true);
        when(directory.devices("user-1")).thenReturn(List.of(devices));
        return new PushSender(firebase, accounts, conversations, directory);
    }
}
