package io.parley.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminProjectionsIT extends QueryApiIntegrationTest {

    @Test
    void projections_areForbiddenToUsers() {
        Response response = get("/api/v1/admin/projections",
                TestTokens.accessToken(UUID.randomUUID().toString(), TestTokens.newSessionId(), Role.USER));

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("ACCESS_DENIED");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void projections_showEveryProcessorsPositionAgainstTheHead_toAdmins() {
        String userId = UUID.randomUUID().toString();
        long position = append(userId, new UserRegisteredEvent(userId, userId + "@example.com", "Admin",
                Set.of(Role.USER, Role.ADMIN), Instant.now()));

        Response response = getAtPosition("/api/v1/admin/projections",
                TestTokens.accessToken(userId, TestTokens.newSessionId(), Role.USER, Role.ADMIN), position);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode projections = response.json();
        assertThat(projections.valueStream().map(p -> p.path("name").asString()))
                .containsExactly("audit-log", "contact-view", "conversation-view", "edit-history-view", "inbox-view",
                        "message-search", "message-view", "receipt-view", "session-revocation", "user-view");
        for (JsonNode projection : projections) {
            assertThat(projection.path("processor").asString()).isEqualTo("projections");
            assertThat(projection.path("position").asLong()).isGreaterThanOrEqualTo(position);
            assertThat(projection.path("headPosition").asLong()).isGreaterThanOrEqualTo(position);
            assertThat(projection.path("lag").asLong())
                    .isEqualTo(Math.max(0, projection.path("headPosition").asLong() - projection.path("position").asLong()));
            assertThat(projection.path("state").asString()).isEqualTo("RUNNING");
            assertThat(projection.path("progress").asDouble()).isBetween(0.0, 1.0);
        }
    }
}
