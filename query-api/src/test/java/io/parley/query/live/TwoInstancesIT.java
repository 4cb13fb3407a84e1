package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.parley.query.projection.ProjectionProcessor;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.SecondInstance;
import io.parley.query.support.StompTestClient;
import io.parley.query.support.StompTestClient.Connection;
import io.parley.query.support.StompTestClient.Subscription;
import io.parley.query.support.TestTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two query-api instances against the same event store and MongoDB: the shared test context (which owns every
 * projection's segments, having claimed them first) and a second one booted here with an instance id of its own and
 * a port of its own.
 */
class TwoInstancesIT extends QueryApiIntegrationTest {

    private static final Duration QUIET = Duration.ofMillis(700);
    private static SecondInstance second;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final List<Connection> connections = new ArrayList<>();

    @Autowired
    private EventProcessingConfiguration processing;

    /**
     * Once the shared context is up (it boots before the first test, after any {@code @BeforeAll}): see
     * {@link SecondInstance#start}.
     */
    @BeforeEach
    void bootSecondInstance() {
        if (second != null) {
            return;
        }
        second = SecondInstance.start(processing, "--parley.instance-id=second-" + UUID.randomUUID(),
                "--parley.read-your-writes.timeout=5s");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @AfterEach
    void disconnect() {
        connections.forEach(Connection::close);
    }

    @Test
    void theSecondInstance_ownsNoProjectionSegment_andRunsNoProcessorOfItsOwn() {
        EventProcessingConfiguration secondProcessing = second.bean(EventProcessingConfiguration.class);
        assertThat(streaming(secondProcessing, ProjectionProcessor.NAME).processingStatus()).isEmpty();
        assertThat(streaming(processing, ProjectionProcessor.NAME).processingStatus()).isNotEmpty();
        assertThat(secondProcessing.eventProcessors().keySet()).isEqualTo(processing.eventProcessors().keySet());
    }

    @Test
    void aMessageAppendedOnce_reachesTheSubscribersOfBothInstances_exactlyOnceEach() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        direct.send(alice, "before");
        long position = publish(direct);
        // Bob's subscription on the second instance passes X-Min-Position although that instance projects nothing.
        Subscription toAlice = messages(connect(port(), alice), direct.id(), position);
        Connection bobConnection = connect(second.port(), bob);
        Subscription toBob = messages(bobConnection, direct.id(), position);
        Subscription bobsEvents = bobConnection.subscribe(UserQueueIT.EVENTS);
        assertThat(bobsEvents.next().path("type").asString()).isEqualTo("welcome");
        for (Subscription subscription : List.of(toAlice, toBob)) {
            assertThat(subscription.next().path("message").path("seq").asLong()).isEqualTo(1);
        }

        String live = direct.send(alice, "to both instances");
        publish(direct);

        for (Subscription subscription : List.of(toAlice, toBob)) {
            JsonNode created = subscription.next();
            assertThat(created.path("type").asString()).isEqualTo("message.created");
            assertThat(created.path("message").path("messageId").asString()).isEqualTo(live);
            assertThat(created.path("message").path("seq").asLong()).isEqualTo(2);
        }
        JsonNode summary = bobsEvents.next();
        assertThat(summary.path("type").asString()).isEqualTo("message.created");
        assertThat(summary.path("message").path("messageId").asString()).isEqualTo(live);
        assertThat(summary.path("unreadCount").asLong()).isEqualTo(2);
        toAlice.assertNothingWithin(QUIET);
        toBob.assertNothingWithin(Duration.ZERO);
        bobsEvents.assertNothingWithin(Duration.ZERO);
    }

    @Test
    void readYourWrites_onTheInstanceThatOwnsNoSegment_waitsForTheOwnersStoredTokens() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        String message = direct.send(bob, "read me on the second instance");
        long position = publish(direct);

        RestClient client = RestClient.builder().baseUrl("http://localhost:" + second.port())
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        var response = client.get().uri("/api/v1/conversations/" + direct.id() + "/messages")
                .headers(headers -> {
                    headers.setBearerAuth(TestTokens.accessToken(alice, TestTokens.newSessionId()));
                    headers.set("X-Min-Position", Long.toString(position));
                })
                .retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode items = JsonMapper.builder().build().readTree(response.getBody()).path("items");
        assertThat(items.findValuesAsString("messageId")).containsExactly(message);

        var beyond = client.get().uri("/api/v1/conversations")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.accessToken(alice,
                        TestTokens.newSessionId()))
                .header("X-Min-Position", Long.toString(position + 1_000_000))
                .retrieve().toEntity(String.class);
        assertThat(beyond.getStatusCode().value()).isEqualTo(400);
    }

    private static StreamingEventProcessor streaming(EventProcessingConfiguration processing, String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private Connection connect(int port, String userId) {
        Connection connection = StompTestClient.connect(port, TestTokens.accessToken(userId,
                TestTokens.newSessionId()));
        connections.add(connection);
        return connection;
    }

    private static Subscription messages(Connection connection, String conversationId, long position) {
        return connection.subscribe("/topic/conversations/" + conversationId + "/messages", "since-seq", "0",
                "X-Min-Position", Long.toString(position));
    }

    private long publish(ConversationLog log) {
        return appendTo(ConversationLog.AGGREGATE, log.id(), log.drain());
    }
}
