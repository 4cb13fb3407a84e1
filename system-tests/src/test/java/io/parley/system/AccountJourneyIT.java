package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client's first minutes with Parley across both services: it registers and logs in on command-api, reads its
 * own profile from query-api right away (read-your-writes through X-Position / X-Min-Position), rotates its
 * refresh token, and logs out, after which neither its refresh token nor its access token works anywhere.
 */
class AccountJourneyIT {

    private static ParleyStack stack;
    private static Http command;
    private static Http query;

    @BeforeAll
    static void stack() throws Exception {
        stack = ParleyStack.get();
        command = new Http(stack.command.baseUrl());
        query = new Http(stack.query.baseUrl());
    }

    @Test
    void registerLoginReadRefreshLogout_worksAcrossServices() {
        String email = "Ada." + UUID.randomUUID() + "@Example.org";

        Http.Reply registered = command.post("/api/v1/auth/register",
                Map.of("email", email, "password", "correct horse battery", "displayName", "Ada Lovelace"), Map.of());
        assertThat(registered.status()).isEqualTo(201);
        String userId = registered.text("userId");
        assertThat(userId).isNotBlank();
        String position = registered.header("X-Position");
        assertThat(position).matches("\\d+");

        Http.Reply login = command.post("/api/v1/auth/login",
                Map.of("email", email.toLowerCase(), "password", "correct horse battery"), Map.of());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("tokenType")).isEqualTo("Bearer");
        assertThat(login.text("userId")).isEqualTo(userId);
        String access = login.text("accessToken");
        String refresh = login.text("refreshToken");

        Http.Reply me = query.get("/api/v1/users/me", withPosition(access, position));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("userId")).isEqualTo(userId);
        assertThat(me.text("email")).isEqualTo(email);
        assertThat(me.text("displayName")).isEqualTo("Ada Lovelace");

        Http.Reply refreshed = command.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh), Map.of());
        assertThat(refreshed.status()).isEqualTo(200);
        String newAccess = refreshed.text("accessToken");
        String newRefresh = refreshed.text("refreshToken");
        assertThat(newRefresh).isNotEqualTo(refresh);

        Http.Reply loggedOut = command.post("/api/v1/auth/logout", Map.of("refreshToken", newRefresh),
                bearer(newAccess));
        assertThat(loggedOut.status()).isEqualTo(204);
        String logoutPosition = loggedOut.header("X-Position");
        assertThat(logoutPosition).matches("\\d+");

        assertThat(command.post("/api/v1/auth/refresh", Map.of("refreshToken", newRefresh), Map.of()).status())
                .isEqualTo(401);
        Http.Reply afterLogout = query.get("/api/v1/users/me", withPosition(newAccess, logoutPosition));
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void profileChangesAndDeletion_areSeenByOtherUsers() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ParleyClient parley = new ParleyClient(stack);
        ParleyClient.User grace = parley.signUp("Grace " + suffix);
        ParleyClient.User alan = parley.signUp("Alan " + suffix);

        assertThat(parley.patch(grace, "/api/v1/users/me", Map.of("displayName", "Grace Hopper " + suffix,
                "bio", "COBOL")).status()).isEqualTo(204);

        Http.Reply profile = parley.get(alan, "/api/v1/users/" + grace.userId());
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.text("displayName")).isEqualTo("Grace Hopper " + suffix);
        assertThat(profile.text("bio")).isEqualTo("COBOL");
        assertThat(profile.json().has("email")).isFalse();

        Http.Reply byEmail = parley.get(alan, "/api/v1/users?search=" + grace.email().substring(0, 14).toUpperCase());
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.json().path("items")).extracting(item -> item.path("userId").asString())
                .containsExactly(grace.userId());
        Http.Reply byName = parley.get(alan, "/api/v1/users?search=grace%20hopper%20" + suffix);
        assertThat(byName.json().path("items")).hasSize(1);

        assertThat(parley.delete(grace, "/api/v1/users/me").status()).isEqualTo(204);

        assertThat(parley.get(alan, "/api/v1/users/" + grace.userId()).status()).isEqualTo(404);
        assertThat(parley.get(alan, "/api/v1/users?search=grace%20hopper%20" + suffix).json().path("items")).isEmpty();
        assertThat(command.post("/api/v1/auth/login", Map.of("email", grace.email(), "password", ParleyClient.PASSWORD),
                Map.of()).status()).isEqualTo(401);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> withPosition(String token, String position) {
        return Map.of("Authorization", "Bearer " + token, "X-Min-Position", position);
    }
}
