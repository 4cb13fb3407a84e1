package io.parley.query.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.query.QueryApiApplication;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context every query-api integration test shares: the service on a random port against real
 * PostgreSQL (the shared event store and the token store), real RabbitMQ (the live fanout, with exchanges of this
 * JVM's own) and the in-JVM MongoDB wire server. Tests append
 * events as command-api would and read over HTTP with tokens they sign themselves.
 */
@SpringBootTest(classes = {QueryApiApplication.class, PresenceRecorder.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "parley.read-your-writes.timeout=3s",
                "parley.data-dir=target/it-data",
                "parley.read-your-writes.gap-timeout=1s",
                // Small backlog pages, so live-delivery tests cross page boundaries too.
                "parley.live.backlog-page-size=16",
                // Typing allowance refills slowly, so a burst over the limit is over it however slow the machine.
                "parley.live.typing-per-second=0.1",
                "logging.level.org.axonframework.eventhandling.TrackingEventProcessor=WARN"
        })
public abstract class QueryApiIntegrationTest {

    protected static final String USER_AGGREGATE = "User";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected PresenceRecorder presenceRecorder;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure().forEach(registry::add);
    }

    /** What every instance of the tests runs against (a second instance too, see {@link SecondInstance}). */
    static Map<String, Supplier<Object>> infrastructure() {
        Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", () -> TestInfrastructure.postgresUrl("parley_query_it"));
        properties.put("spring.datasource.username", TestInfrastructure::postgresUser);
        properties.put("spring.datasource.password", TestInfrastructure::postgresPassword);
        properties.put("spring.mongodb.uri", () -> TestInfrastructure.mongoUri("parley_query_it"));
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens::jwksUri);
        properties.put("parley.live.broker.uri", TestInfrastructure::rabbitUri);
        properties.put("parley.live.broker.required", () -> "true");
        properties.put("parley.live.broker.exchange-prefix", TestFanout::prefix);
        // Quick heartbeats, so a crashed instance's sockets are swept soon; a lease long enough for a slow machine.
        properties.put("parley.presence.heartbeat", () -> "500ms");
        properties.put("parley.presence.lease", () -> "5s");
        return properties;
    }

    /**
     * Appends events of one user's aggregate with the next sequence numbers, in one commit, and returns the
     * head position of the event store afterwards: what command-api puts into {@code X-Position}.
     */
    protected long append(String userId, Object... payloads) {
        return appendTo(USER_AGGREGATE, userId, payloads);
    }

    /** Like {@link #append}, for any aggregate (type as command-api names it: "Conversation", "Contact"). */
    protected long appendTo(String aggregateType, String aggregateId, Object... payloads) {
        long next = eventStore.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, next++, payload));
        }
        eventStore.publish(messages);
        return eventStore.createHeadToken().position().orElseThrow();
    }

    /** Registers a user (as command-api would) and waits until the user view has it; returns the id. */
    protected String registeredUser(String displayName) {
        String userId = UUID.randomUUID().toString();
        long position = append(userId, new UserRegisteredEvent(userId, userId + "@example.com", displayName,
                Set.of(Role.USER), Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> getAtPosition("/api/v1/users/" + userId, token(userId), position).status() == 200);
        return userId;
    }

    /** A fresh access token of the user, with a session of its own. */
    protected static String token(String userId) {
        return TestTokens.accessToken(userId, TestTokens.newSessionId());
    }

    protected int port() {
        return port;
    }

    protected Response get(String path, String accessToken) {
        return get(path, accessToken, headers -> { });
    }

    protected Response get(String path, String accessToken, Consumer<HttpHeaders> headers) {
        ResponseEntity<String> response = client().get().uri(path)
                .headers(h -> {
                    if (accessToken != null) {
                        h.setBearerAuth(accessToken);
                    }
                    headers.accept(h);
                })
                .retrieve()
                .toEntity(String.class);
        return new Response(response);
    }

    protected Response getAtPosition(String path, String accessToken, long position) {
        return get(path, accessToken, h -> h.set("X-Min-Position", Long.toString(position)));
    }

    protected Response send(HttpMethod method, String path, String accessToken) {
        ResponseEntity<String> response = client().method(method).uri(path)
                .headers(h -> {
                    if (accessToken != null) {
                        h.setBearerAuth(accessToken);
                    }
                })
                .retrieve()
                .toEntity(String.class);
        return new Response(response);
    }

    private RestClient client() {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    /** An HTTP answer with its body parsed when it is JSON. */
    public record Response(ResponseEntity<String> entity) {

        public int status() {
            return entity.getStatusCode().value();
        }

        public HttpHeaders headers() {
            return entity.getHeaders();
        }

        public String contentType() {
            return String.valueOf(entity.getHeaders().getContentType());
        }

        public JsonNode json() {
            return JSON.readTree(entity.getBody() == null ? "null" : entity.getBody());
        }

        public String code() {
            return json().path("code").asString();
        }

        @Override
        public String toString() {
            return status() + " " + entity.getBody();
        }
    }
}
