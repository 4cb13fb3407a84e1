package io.parley.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.account.DevicePlatform;
import io.parley.kernel.account.DeviceRegisteredEvent;
import io.parley.kernel.account.DeviceRemovedEvent;
import io.parley.kernel.account.NotificationPreferencesChangedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

class UsersIT extends CommandApiIntegrationTest {

    private static final String ME = "/api/v1/users/me";

    @Autowired
    EventStore eventStore;

    @Test
    void profileChange_appendsTheChangedFields_andAnswersWithItsPosition() {
        String email = uniqueEmail("profile");
        String userId = register(email);
        String token = login(email).get("accessToken").asString();

        Response changed = call(HttpMethod.PATCH, ME,
                Map.of("displayName", " Grace ", "bio", "Compilers", "avatarUrl", "https://example.org/g.png"), token);

        assertThat(changed.status()).isEqualTo(204);
        long position = Long.parseLong(changed.header("X-Position"));
        assertThat(position).isPositive();
        assertThat(payloads(userId)).last().isInstanceOfSatisfying(UserProfileChangedEvent.class, event -> {
            assertThat(event.displayName()).isEqualTo("Grace");
            assertThat(event.bio()).isEqualTo("Compilers");
            assertThat(event.avatarUrl()).isEqualTo("https://example.org/g.png");
        });
        assertThat(eventStore.createHeadToken().position().orElseThrow()).isGreaterThanOrEqualTo(position);
    }

    @Test
    void profileChange_isRejected_whenFieldsAreInvalid() {
        String email = uniqueEmail("badprofile");
        register(email);
        String token = login(email).get("accessToken").asString();

        Response invalid = call(HttpMethod.PATCH, ME,
                Map.of("displayName", "   ", "bio", "x".repeat(501), "avatarUrl", "javascript:alert(1)"), token);

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalid.json().get("errors").propertyNames()).contains("displayName", "bio", "avatarUrl");
    }

    @Test
    void notificationPreferences_andDevices_areRecorded() {
        String email = uniqueEmail("devices");
        String userId = register(email);
        String token = login(email).get("accessToken").asString();

        Response preferences = call(HttpMethod.PUT, ME + "/notification-preferences",
                Map.of("email", false, "push", true), token);
        Response device = post(ME + "/devices", Map.of("token", "fcm:abc-123", "platform", "android"), token);
        Response sameDevice = post(ME + "/devices", Map.of("token", "fcm:abc-123", "platform", "android"), token);
        Response removed = call(HttpMethod.DELETE, ME + "/devices/fcm:abc-123", null, token);
        Response removedAgain = call(HttpMethod.DELETE, ME + "/devices/fcm:abc-123", null, token);

        assertThat(preferences.status()).isEqualTo(204);
        assertThat(device.status()).isEqualTo(201);
        assertThat(sameDevice.status()).isEqualTo(201);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(removedAgain.status()).isEqualTo(204);
        assertThat(List.of(preferences, device, removed)).allSatisfy(
                response -> assertThat(response.header("X-Position")).matches("\\d+"));
        assertThat(payloads(userId)).extracting(Object::getClass).containsExactly(UserRegisteredEvent.class,
                NotificationPreferencesChangedEvent.class, DeviceRegisteredEvent.class, DeviceRemovedEvent.class);
        assertThat(payloads(userId).get(2)).isEqualTo(new DeviceRegisteredEvent(userId, "fcm:abc-123",
                DevicePlatform.ANDROID, ((DeviceRegisteredEvent) payloads(userId).get(2)).registeredAt()));
    }

    @Test
    void devicesAndPreferences_areRejected_whenFieldsAreMissingOrWrong() {
        String email = uniqueEmail("baddevice");
        register(email);
        String token = login(email).get("accessToken").asString();

        Response platform = post(ME + "/devices", Map.of("token", "t", "platform", "blackberry"), token);
        Response missing = call(HttpMethod.PUT, ME + "/notification-preferences", Map.of("email", true), token);
        Response wrongType = call(HttpMethod.PUT, ME + "/notification-preferences",
                "{\"email\": \"sometimes\", \"push\": true}", token);

        assertThat(platform.status()).isEqualTo(400);
        assertThat(platform.json().get("errors").has("platform")).isTrue();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").has("push")).isTrue();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void writes_areRateLimitedPerUser() {
        String email = uniqueEmail("busy");
        register(email);
        String token = login(email).get("accessToken").asString();
        for (int write = 0; write < 30; write++) {
            assertThat(call(HttpMethod.PATCH, ME, Map.of("bio", "write " + write), token).status()).isEqualTo(204);
        }

        Response limited = call(HttpMethod.PATCH, ME, Map.of("bio", "one too many"), token);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header(HttpHeaders.RETRY_AFTER))).isPositive();
        String other = uniqueEmail("calm");
        register(other);
        assertThat(call(HttpMethod.PATCH, ME, Map.of("bio", "mine"), login(other).get("accessToken").asString())
                .status()).isEqualTo(204);
    }

    private List<Object> payloads(String userId) {
        return eventStore.readEvents(userId).asStream().<Object>map(Message::getPayload).toList();
    }
}
