package io.parley.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;

/** X-Min-Position on GETs (the test context waits at most 3 s). */
class ReadYourWritesIT extends QueryApiIntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    DataSource dataSource;

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
        StreamingEventProcessor userView = processing.eventProcessorByProcessingGroup("user-view",
                StreamingEventProcessor.class).orElseThrow();
        userView.shutDown();
        try {
            String userId = UUID.randomUUID().toString();
            long position = append(userId, new UserRegisteredEvent(userId, userId + "@example.com", "Pending",
                    Set.of(Role.USER), Instant.now()));
            long start = System.nanoTime();

            Response response = getAtPosition("/api/v1/users/" + userId, token, position);

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.code()).isEqualTo("POSITION_NOT_REACHED");
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        } finally {
            userView.start();
        }
    }

    @Test
    void aGapNoTransactionWillFill_holdsReadsBack_onlyUntilTheGapTimeout() {
        // What a rolled-back transaction, or a writer killed mid-transaction, leaves: an index taken, never written.
        long gap = JdbcClient.create(dataSource)
                .sql("select nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))")
                .query(Long.class).single();
        String userId = UUID.randomUUID().toString();
        long position = append(userId, new UserRegisteredEvent(userId, userId + "@example.com", "After a gap",
                Set.of(Role.USER), Instant.now()));
        assertThat(position).isGreaterThan(gap);
        long start = System.nanoTime();

        Response response = getAtPosition("/api/v1/users/" + userId, token, position);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("displayName").asString()).isEqualTo("After a gap");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the gap timeout of the test context")
                .isBetween(Duration.ofSeconds(1), Duration.ofMillis(2900));
    }

    @Test
    void aPositionBeyondTheEventStore_isRefusedAtOnce() {
        long start = System.nanoTime();

        Response response = getAtPosition("/api/v1/users?search=x", token, Long.MAX_VALUE / 2);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors").path("X-Min-Position").asString()).contains("beyond");
    }

    @Test
    void aPositionIsAwaited_beforeTheTokenIsChecked_soARevokedSessionIsRefused() {
        String userId = UUID.randomUUID().toString();
        String sessionId = TestTokens.newSessionId();
        String revokable = TestTokens.accessToken(userId, sessionId);
        long position = append(userId,
                new UserRegisteredEvent(userId, userId + "@example.com", "Leaving", Set.of(Role.USER), Instant.now()),
                new SessionsRevokedEvent(userId, List.of(sessionId), RevocationReason.LOGOUT, Instant.now()));

        Response response = getAtPosition("/api/v1/users/me", revokable, position);

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
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
