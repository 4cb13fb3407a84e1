package io.parley.query.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.kernel.account.Role;
import io.parley.query.presence.Presence;
import io.parley.query.presence.PresenceChange;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.PresenceRecorder;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.SecondInstance;
import io.parley.query.support.StompTestClient;
import io.parley.query.support.StompTestClient.Connection;
import io.parley.query.support.StompTestClient.Subscription;
import io.parley.query.support.TestTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two query-api instances (the shared test context, A, and a second context, B) on one PostgreSQL, MongoDB and
 * RabbitMQ: typing and presence cross between them over the fanout exchanges.
 */
class FanoutAcrossInstancesIT extends QueryApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SecondInstance b;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final List<Connection> connections = new ArrayList<>();

    @Autowired
    private Presence presenceOnA;

    @Autowired
    private LiveFanout fanoutOnA;

    @Autowired
    private EventProcessingConfiguration processing;

    @BeforeEach
    void startSecondInstance() {
        if (b == null) {
            b = SecondInstance.start(processing);
        }
    }

    @AfterAll
    static void stopSecondInstance() {
        if (b != null) {
            b.close();
        }
    }

    @AfterEach
    void disconnect() {
        connections.forEach(Connection::close);
    }

    @Test
    void theInstancesHaveTheirOwnIds_andHealthShowsTheBroker() {
        assertThat(b.bean(LiveFanout.class).instanceId()).isNotEqualTo(fanoutOnA.instanceId());
        assertThat(b.bean(LiveFanout.class).connected()).isTrue();
        JsonNode rabbit = get("/actuator/health", TestTokens.accessToken(UUID.randomUUID().toString(),
                TestTokens.newSessionId(), Role.ADMIN)).json().path("components").path("rabbit");
        assertThat(rabbit.path("status").asString()).isEqualTo("UP");
    }

    @Test
    void typingOnOneInstance_reachesSubscribersOnTheOther_butNeverTheTypist() {
        String alice = registeredUser("Alice");
        String bob = registeredUser("Bob");
        String carol = registeredUser("Carol");
        ConversationLog group = ConversationLog.group(alice, "Across", List.of(bob, carol), start);
        long position = appendTo(ConversationLog.AGGREGATE, group.id(), group.drain());
        Connection aliceOnA = connect(port(), alice);
        // Subscribing on A waits for A's projections; B reads the same MongoDB, so it sees the members from then on.
        Subscription toAlice = aliceOnA.subscribe(typing(group.id()), "X-Min-Position", Long.toString(position));
        Connection aliceOnB = connect(b.port(), alice);
        Subscription toAliceOnB = aliceOnB.subscribe(typing(group.id()));
        Subscription toBob = connect(b.port(), bob).subscribe(typing(group.id()));
        Subscription toCarol = connect(port(), carol).subscribe(typing(group.id()));
        double consumedOnB = consumed(b.bean(MeterRegistry.class));

        aliceOnA.send("/app/conversations/" + group.id() + "/typing", "{\"typing\":true}");

        for (Subscription subscription : List.of(toBob, toCarol)) {
            JsonNode typing = subscription.next();
            assertThat(typing.path("type").asString()).isEqualTo("typing");
            assertThat(typing.path("conversationId").asString()).isEqualTo(group.id());
            assertThat(typing.path("userId").asString()).isEqualTo(alice);
            assertThat(typing.path("typing").asBoolean()).isTrue();
        }
        toAlice.assertNothingWithin(QUIET);
        toAliceOnB.assertNothingWithin(QUIET);
        toBob.assertNothingWithin(QUIET);
        assertThat(consumed(b.bean(MeterRegistry.class))).isGreaterThan(consumedOnB);
    }

    @Test
    void aUserConnectedToOneInstance_isOnlineOnTheOther_andItsListenersHearEachTransitionOnce() {
        String dave = registeredUser("Dave");
        String socket = UUID.randomUUID().toString();
        PresenceRecorder listenersOnB = b.bean(PresenceRecorder.class);

        presenceOnA.connected(dave, socket);

        await().atMost(WAIT).until(() -> listenersOnB.of(dave).size() == 1);
        JsonNode profileOnB = getFrom(b.port(), "/api/v1/users/" + dave, dave);
        assertThat(profileOnB.path("online").asBoolean()).isTrue();

        presenceOnA.disconnected(dave, socket);

        await().atMost(WAIT).until(() -> listenersOnB.of(dave).size() == 2);
        await().during(QUIET).atMost(WAIT).until(() -> listenersOnB.of(dave).size() == 2
                && presenceRecorder.of(dave).size() == 2);
        assertThat(listenersOnB.of(dave)).extracting(PresenceChange::online).containsExactly(true, false);
        assertThat(listenersOnB.of(dave)).isEqualTo(presenceRecorder.of(dave));
        profileOnB = getFrom(b.port(), "/api/v1/users/" + dave, dave);
        assertThat(profileOnB.path("online").asBoolean()).isFalse();
        assertThat(Instant.parse(profileOnB.path("lastSeenAt").asString()))
                .isEqualTo(listenersOnB.of(dave).get(1).lastSeenAt());
    }

    private Connection connect(int port, String userId) {
        Connection connection = StompTestClient.connect(port, token(userId));
        connections.add(connection);
        return connection;
    }

    private static JsonNode getFrom(int port, String path, String userId) {
        String body = RestClient.create("http://localhost:" + port).get().uri(path)
                .headers(headers -> headers.setBearerAuth(token(userId)))
                .retrieve().body(String.class);
        return JSON.readTree(body);
    }

    private static double consumed(MeterRegistry meters) {
        return meters.get("parley.live.fanout.consumed").tag("topic", "typing").counter().count();
    }

    private static String typing(String conversationId) {
        return "/topic/conversations/" + conversationId + "/typing";
    }
}
