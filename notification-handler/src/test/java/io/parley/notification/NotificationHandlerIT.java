package io.parley.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.testing.ActuatorInfo;
import io.parley.kernel.testing.AxonModeAssertions;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

class NotificationHandlerIT extends NotificationHandlerIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("rabbitHealthIndicator")
    HealthIndicator rabbitHealth;

    private ResponseEntity<String> get(String path) {
        return RestClient.create("http://localhost:" + port).get().uri(path)
                .retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> { })
                .toEntity(String.class);
    }

    @Test
    void localMode_usesTheJdbcEventStoreInSpringTransactions() {
        AxonModeAssertions.assertLocalMode(context);
        AxonModeAssertions.assertListensForAppends(context);
        AxonModeAssertions.assertCommitsWaitForDisk(context, false);
    }

    @Test
    void health_isUp_andMetricsArePublic() {
        ResponseEntity<String> health = get("/actuator/health");
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"UP\"");

        assertThat(rabbitHealth.health().getStatus().getCode()).isEqualTo("UP");

        ResponseEntity<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes")
                .contains("parley_notifications_published_total")
                .contains("parley_notifications_retried_total")
                .contains("parley_notifications_dead_lettered_total")
                .contains("parley_notifications_logged_total");
    }

    @Test
    void info_describesTheBuild() {
        ResponseEntity<String> info = get("/actuator/info");

        assertThat(info.getStatusCode().value()).isEqualTo(200);
        ActuatorInfo.assertDescribesTheBuild(info.getBody(), "notification-handler");
    }

    @Test
    void health_hidesItsComponents_fromAnonymousCallers() {
        ResponseEntity<String> health = get("/actuator/health");
        ResponseEntity<String> rabbit = get("/actuator/health/rabbit");

        assertThat(health.getBody()).contains("\"UP\"").doesNotContain("components").doesNotContain("rabbit");
        assertThat(rabbit.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theErrorPath_isNotAServerError() {
        ResponseEntity<String> error = get("/error");

        assertThat(error.getStatusCode().is4xxClientError()).as(error.toString()).isTrue();
        assertThat(error.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anythingElse_needsAToken_andSaysSoAsAProblem() {
        ResponseEntity<String> response = get("/api/v1/anything");
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.getBody()).contains("\"code\":\"INVALID_TOKEN\"");
    }
}
