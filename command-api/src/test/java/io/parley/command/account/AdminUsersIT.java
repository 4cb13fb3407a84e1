package io.parley.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserDeactivatedEvent;
import io.parley.kernel.account.UserReactivatedEvent;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

class AdminUsersIT extends CommandApiIntegrationTest {

    @Autowired
    private EventStore eventStore;

    private static String deactivate(String userId) {
        return "/api/v1/admin/users/" + userId + "/deactivate";
    }

    private static String reactivate(String userId) {
        return "/api/v1/admin/users/" + userId + "/reactivate";
    }

    @Test
    void everyAdminRoute_isForbidden_toAUserWithoutRoleAdmin() {
        Actor user = signUp("curious");
        Actor other = signUp("other");
        String id = UUID.randomUUID().toString();

        for (Response response : List.of(
                callAs(HttpMethod.POST, deactivate(other.userId()), null, user),
                callAs(HttpMethod.POST, reactivate(other.userId()), null, user),
                callAs(HttpMethod.DELETE, "/api/v1/admin/conversations/" + id + "/messages/" + id, null, user),
                callAs(HttpMethod.POST, "/api/v1/admin/conversations/" + id + "/archive", null, user))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("ACCESS_DENIED");
        }
    }

    @Test
    void deactivate_endsEverySession_andRefusesLogin_untilReactivated() {
        String email = uniqueEmail("troll");
        String userId = register(email);
        String accessToken = login(email).get("accessToken").asString();
        String refreshToken = login(email).get("refreshToken").asString();
        Actor admin = moderator();

        Response deactivated = callAs(HttpMethod.POST, deactivate(userId), null, admin);

        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(204);
        assertThat(deactivated.position()).isPositive();
        assertThat(call(HttpMethod.PATCH, "/api/v1/users/me", Map.of("bio", "still here"), accessToken).status())
                .isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken)).code())
                .isEqualTo("INVALID_REFRESH_TOKEN");
        Response refused = post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("USER_DEACTIVATED");
        Response wrongPassword = post("/api/v1/auth/login", Map.of("email", email, "password", "not the password"));
        assertThat(wrongPassword.code()).as("no hint without the password").isEqualTo("INVALID_CREDENTIALS");
        List<Object> events = eventStore.readEvents(userId, 0).asStream().<Object>map(Message::getPayload).toList();
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(UserDeactivatedEvent.class,
                e -> assertThat(e.deactivatedBy()).isEqualTo(admin.userId())));
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(SessionsRevokedEvent.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(RevocationReason.ACCOUNT_DEACTIVATED);
                    assertThat(e.sessionIds()).hasSize(2);
                }));

        Response reactivated = callAs(HttpMethod.POST, reactivate(userId), null, admin);

        assertThat(reactivated.status()).as(reactivated.toString()).isEqualTo(204);
        assertThat(login(email).get("userId").asString()).isEqualTo(userId);
        assertThat(eventStore.readEvents(userId, 0).asStream().map(Message::getPayload))
                .anySatisfy(event -> assertThat(event).isInstanceOf(UserReactivatedEvent.class));
    }

    @Test
    void deactivate_isRejected_forAnUnknownUser_andForTheAdminThemself() {
        Actor admin = moderator();

        Response unknown = callAs(HttpMethod.POST, deactivate(UUID.randomUUID().toString()), null, admin);
        Response notAnId = callAs(HttpMethod.POST, deactivate("nobody"), null, admin);
        Response self = callAs(HttpMethod.POST, deactivate(admin.userId()), null, admin);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(notAnId.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.code()).isEqualTo("CANNOT_TARGET_SELF");
    }
}
