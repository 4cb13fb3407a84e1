package io.parley.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** X-Min-Position on GETs (the test context waits at most 3 s). */
class ReadYourWritesIT extends QueryApiIntegrationTest {

    private final String token = TestTokens.accessToken(UUID.randomUUID().toString(), TestTokens.newSessionId());

    @Test
    void aPositionTheProjectionsReached_isServedAtOnce() {
        String userId = UUID.randomUUID().toString();
        long position = append(userId, new UserRegisteredEvent(userId, userId + "@example.com", "Fresh",
                Set.of(Role.USER), Instant.now()));

        Response response = getAtPosition("/api/v1/users/" + userId, token, position);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("displayName").asString()).isEqualTo("Fresh");
    }

    @Test
    void aPositionNotReached_answers503WithRetryAfter_afterTheBoundedWait() {
        long start = System.nanoTime();

        Response response = getAtPosition("/api/v1/users?search=x", token, Long.MAX_VALUE / 2);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("POSITION_NOT_REACHED");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }

    @Test
    void aPositionThatIsNoNumber_isBadInput() {
        for (String bad : new String[] {"abc", "-1", "1.5", ""}) {
            Response response = get("/api/v1/users?search=x", token, h -> h.set("X-Min-Position", bad));

            assertThat(response.status()).as(bad + " -> " + response).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().path("errors").path("X-Min-Position").asString()).isNotBlank();
        }
    }
}
