package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.observability.LogContext;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deploy profile's JSON logs (ECS), with the profile itself (as compose and Kubernetes run it): one line per request
 * with its ids and outcome, and never a token.
 */
@ExtendWith(OutputCaptureExtension.class)
@ActiveProfiles("deploy")
class RequestLogIT extends CommandApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private EventStore eventStore;

    /**
     * Spring Boot configures logging once per JVM: when another IT's context started first, this context's
     * structured format would not apply. Cleaning up lets this context's start configure it (later contexts keep it).
     */
    @BeforeAll
    static void letThisContextConfigureLogging() {
        LoggingSystem.get(RequestLogIT.class.getClassLoader()).cleanUp();
    }

    @Test
    void aRequest_isLoggedAsOneJsonLine_withItsIds_user_method_route_status_andDuration_butNoToken(CapturedOutput output) {
        String email = uniqueEmail("logged");
        String userId = register(email);
        JsonNode login = login(email);
        String accessToken = login.get("accessToken").asString();

        var response = RestClient.create("http://localhost:" + port).patch().uri("/api/v1/users/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .header("X-Request-Id", "req-from-the-gateway-1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("bio", "logged bio"))
                .retrieve().toBodilessEntity();

        assertThat(response.getStatusCode().value()).isEqualTo(204);
        assertThat(response.getHeaders().getFirst("X-Request-Id")).isEqualTo("req-from-the-gateway-1");
        JsonNode line = requestLine(output, "req-from-the-gateway-1");
        assertThat(field(line, "http.request.method")).isEqualTo("PATCH");
        assertThat(field(line, "url.path")).isEqualTo("/api/v1/users/me");
        assertThat(field(line, "http.response.status_code")).isEqualTo("204");
        assertThat(field(line, "event.duration_ms")).matches("\\d+");
        assertThat(field(line, "user.id")).isEqualTo(userId);
        String traceId = field(line, "traceId");
        assertThat(traceId).matches("[0-9a-f]{16,32}");

        DomainEventMessage<?> changed = eventStore.readEvents(userId).asStream()
                .filter(event -> event.getPayload() instanceof UserProfileChangedEvent).reduce((a, b) -> b).orElseThrow();
        assertThat(changed.getMetaData()).containsEntry(LogContext.REQUEST_ID_METADATA, "req-from-the-gateway-1")
                .containsEntry(LogContext.TRACE_ID_METADATA, traceId);

        assertThat(output.getOut() + output.getErr()).doesNotContain(accessToken)
                .doesNotContain(login.get("refreshToken").asString())
                .doesNotContain(PASSWORD);
    }

    @Test
    void aRequestWithoutAnId_getsOne() {
        var response = RestClient.create("http://localhost:" + port).get().uri("/.well-known/jwks.json")
                .retrieve().toBodilessEntity();

        assertThat(response.getHeaders().getFirst("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    private static JsonNode requestLine(CapturedOutput output, String requestId) {
        List<JsonNode> lines = output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains(requestId) && line.contains("io.parley.requests"))
                .map(JSON::readTree)
                .toList();
        assertThat(lines).as("the request's log line in %s", output.getOut()).hasSize(1);
        JsonNode line = lines.getFirst();
        assertThat(field(line, LogContext.REQUEST_ID)).isEqualTo(requestId);
        return line;
    }

    // ECS fields may come flat ("url.path") or nested ({"url":{"path"}}).
    private static String field(JsonNode line, String name) {
        JsonNode flat = line.get(name);
        if (flat != null) {
            return flat.asString();
        }
        JsonNode node = line;
        for (String part : name.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() ? null : node.asString();
    }
}
