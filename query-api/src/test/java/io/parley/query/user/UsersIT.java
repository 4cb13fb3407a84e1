package io.parley.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.NotificationPreferencesChangedEvent;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The user reads over HTTP, after events appended as command-api appends them. */
class UsersIT extends QueryApiIntegrationTest {

    @Test
    void afterRegistration_ownProfile_publicProfile_andSearch_showTheUser() {
        String tag = tag();
        String userId = UUID.randomUUID().toString();
        Instant registeredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long position = append(userId, new UserRegisteredEvent(userId, tag + "@Example.com", "Reader " + tag,
                Set.of(Role.USER), registeredAt));
        String token = TestTokens.accessToken(userId, TestTokens.newSessionId());

        Response me = getAtPosition("/api/v1/users/me", token, position);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("userId").asString()).isEqualTo(userId);
        assertThat(me.json().path("email").asString()).isEqualTo(tag + "@Example.com");
        assertThat(me.json().path("displayName").asString()).isEqualTo("Reader " + tag);
        assertThat(me.json().path("bio").isNull()).isTrue();
        assertThat(me.json().path("avatarUrl").isNull()).isTrue();
        assertThat(Instant.parse(me.json().path("createdAt").asString())).isEqualTo(registeredAt);

        Response profile = get("/api/v1/users/" + userId, token);
        assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
        assertThat(profile.json().path("displayName").asString()).isEqualTo("Reader " + tag);
        assertThat(profile.json().path("online").asBoolean()).isFalse();
        assertThat(profile.json().has("lastSeenAt")).isTrue();
        assertThat(profile.json().has("email")).isFalse();

        Response search = get("/api/v1/users?search=" + tag, token);
        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        assertThat(search.json().path("items")).hasSize(1);
        assertThat(search.json().path("items").get(0).path("userId").asString()).isEqualTo(userId);
    }

    @Test
    void notificationPreferences_areOnUntilChanged_thenAsLastSet_andGoneWithTheAccount() {
        String userId = UUID.randomUUID().toString();
        long position = append(userId, registered(userId, tag() + "@example.com", "Prefs"));
        String token = TestTokens.accessToken(userId, TestTokens.newSessionId());
        String path = "/api/v1/users/me/notification-preferences";

        Response defaults = getAtPosition(path, token, position);
        assertThat(defaults.status()).as(defaults.toString()).isEqualTo(200);
        assertThat(defaults.json().path("email").asBoolean()).isTrue();
        assertThat(defaults.json().path("push").asBoolean()).isTrue();

        append(userId, new NotificationPreferencesChangedEvent(userId, false, true));
        position = append(userId, new NotificationPreferencesChangedEvent(userId, true, false));
        Response changed = getAtPosition(path, token, position);
        assertThat(changed.json().path("email").asBoolean()).isTrue();
        assertThat(changed.json().path("push").asBoolean()).isFalse();

        position = append(userId, new UserDeletedEvent(userId, Instant.now()));
        Response deleted = getAtPosition(path, token, position);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(404);
        assertThat(deleted.code()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void search_isACaseInsensitivePrefixMatchOnDisplayNameOrEmail() {
        String tag = tag();
        String byName = UUID.randomUUID().toString();
        String byEmail = UUID.randomUUID().toString();
        append(byName, registered(byName, "first." + tag + "@example.com", tag.toUpperCase() + " Smith"));
        long position = append(byEmail, registered(byEmail, tag + ".Second@Example.com", "Somebody"));
        String token = TestTokens.accessToken(byName, TestTokens.newSessionId());

        Response both = getAtPosition("/api/v1/users?search=" + tag.toLowerCase(), token, position);
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        assertThat(ids(both.json())).containsExactlyInAnyOrder(byName, byEmail);

        assertThat(ids(get("/api/v1/users?search=" + tag.toUpperCase() + " sm", token).json()))
                .containsExactly(byName);
        assertThat(ids(get("/api/v1/users?search=" + tag + ".sec", token).json())).containsExactly(byEmail);
        assertThat(ids(get("/api/v1/users?search=smith", token).json())).doesNotContain(byName);
        assertThat(get("/api/v1/users?search=" + tag + "&limit=1", token).json().path("items")).hasSize(1);
    }

    @Test
    void profileChange_showsInEveryRead() {
        String tag = tag();
        String userId = UUID.randomUUID().toString();
        append(userId, registered(userId, tag + "@example.com", "Before " + tag));
        long position = append(userId, new UserProfileChangedEvent(userId, "After " + tag, "new bio",
                "https://cdn.example.com/a.png", Instant.now()));
        String token = TestTokens.accessToken(userId, TestTokens.newSessionId());

        Response me = getAtPosition("/api/v1/users/me", token, position);
        assertThat(me.json().path("displayName").asString()).isEqualTo("After " + tag);
        assertThat(me.json().path("bio").asString()).isEqualTo("new bio");
        assertThat(me.json().path("avatarUrl").asString()).isEqualTo("https://cdn.example.com/a.png");
        assertThat(get("/api/v1/users/" + userId, token).json().path("displayName").asString())
                .isEqualTo("After " + tag);
        assertThat(ids(get("/api/v1/users?search=after " + tag, token).json())).containsExactly(userId);
        assertThat(ids(get("/api/v1/users?search=before " + tag, token).json())).isEmpty();
    }

    @Test
    void deletedUser_isNotFound_andNeverInSearch() {
        String tag = tag();
        String deleted = UUID.randomUUID().toString();
        String reader = UUID.randomUUID().toString();
        append(reader, registered(reader, "reader." + tag + "@example.com", "Reader"));
        append(deleted, registered(deleted, tag + "@example.com", "Gone " + tag));
        long position = append(deleted, new UserDeletedEvent(deleted, Instant.now()));
        String readerToken = TestTokens.accessToken(reader, TestTokens.newSessionId());

        Response profile = getAtPosition("/api/v1/users/" + deleted, readerToken, position);
        assertThat(profile.status()).as(profile.toString()).isEqualTo(404);
        assertThat(profile.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(profile.contentType()).startsWith("application/problem+json");
        assertThat(ids(get("/api/v1/users?search=gone", readerToken).json())).doesNotContain(deleted);
        assertThat(ids(get("/api/v1/users?search=" + tag, readerToken).json())).doesNotContain(deleted);
        assertThat(ids(get("/api/v1/users?search=deleted", readerToken).json())).doesNotContain(deleted);
        Response ownProfile = get("/api/v1/users/me", TestTokens.accessToken(deleted, TestTokens.newSessionId()));
        assertThat(ownProfile.status()).isEqualTo(404);
        assertThat(ownProfile.json().toString()).doesNotContain(tag);
    }

    @Test
    void unknownUser_isNotFound() {
        Response response = get("/api/v1/users/" + UUID.randomUUID(),
                TestTokens.accessToken(UUID.randomUUID().toString(), TestTokens.newSessionId()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(response.json().path("status").asInt()).isEqualTo(404);
        assertThat(response.json().path("title").asString()).isNotBlank();
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    private static UserRegisteredEvent registered(String userId, String email, String displayName) {
        return new UserRegisteredEvent(userId, email, displayName, Set.of(Role.USER), Instant.now());
    }

    /** A word no other test's users start with. */
    private static String tag() {
        return "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static List<String> ids(JsonNode result) {
        return result.path("items").valueStream().map(item -> item.path("userId").asString()).toList();
    }
}
