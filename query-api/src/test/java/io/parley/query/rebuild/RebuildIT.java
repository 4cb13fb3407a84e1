package io.parley.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.EventScenarios;
import io.parley.query.support.ProjectionHarness;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.StompTestClient;
import io.parley.query.support.StompTestClient.Connection;
import io.parley.query.support.StompTestClient.Subscription;
import io.parley.query.support.TestTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Blue/green rebuilds over HTTP against the shared event store: each projection rebuilt from every kind of event
 * equals the live model it replaces, reads keep answering while one runs, and events that arrive meanwhile are in
 * the result. Documents are compared for the ids of this test's events only: other tests share the store.
 */
class RebuildIT extends QueryApiIntegrationTest {

    private static final Map<String, List<String>> COLLECTIONS = new LinkedHashMap<>();
    private static final Set<String> IDS = new LinkedHashSet<>();
    private static long scenarioPosition;

    static {
        COLLECTIONS.put("user-view", List.of("users"));
        COLLECTIONS.put("session-revocation", List.of("revoked_sessions"));
        COLLECTIONS.put("conversation-view", List.of("conversations"));
        COLLECTIONS.put("inbox-view", List.of("inbox_entries", "inbox_messages"));
        COLLECTIONS.put("message-view", List.of("messages"));
        COLLECTIONS.put("edit-history-view", List.of("message_edit_history"));
        COLLECTIONS.put("receipt-view", List.of("receipts"));
        COLLECTIONS.put("message-search", List.of("message_search"));
        COLLECTIONS.put("contact-view", List.of("contacts"));
        COLLECTIONS.put("audit-log", List.of("audit_entries"));
    }

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private EventProcessingConfiguration processing;

    private final String adminId = UUID.randomUUID().toString();
    private String admin;

    @BeforeEach
    void adminAndEvents() {
        append(adminId, new UserRegisteredEvent(adminId, adminId + "@example.com", "Admin", Set.of(Role.USER, Role.ADMIN),
                Instant.now()));
        admin = TestTokens.accessToken(adminId, TestTokens.newSessionId(), Role.USER, Role.ADMIN);
        synchronized (IDS) {
            if (IDS.isEmpty()) {
                scenarioPosition = appendScenario();
            }
        }
    }

    static List<String> projections() {
        return List.copyOf(COLLECTIONS.keySet());
    }

    @ParameterizedTest
    @MethodSource("projections")
    void rebuild_givesTheDocumentsOfTheLiveModel(String projection) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> getAtPosition("/api/v1/admin/projections", admin, scenarioPosition).status() == 200);
        Map<String, List<Document>> live = snapshot(projection);
        live.forEach((collection, documents) -> assertThat(documents).as(collection).isNotEmpty());
        // Lose one document of the live model: only a real rebuild brings it back.
        String collection = COLLECTIONS.get(projection).getFirst();
        mongo.getCollection(collection).deleteOne(new Document("_id", live.get(collection).getFirst().get("_id")));

        Response accepted = send(HttpMethod.POST, "/api/v1/admin/projections/" + projection + "/rebuild", admin);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("name").asString()).isEqualTo(projection);
        assertThat(accepted.json().path("state").asString()).isEqualTo("RUNNING");
        String rebuildId = accepted.json().path("rebuildId").asString();
        JsonNode rebuild = awaitFinished(projection, rebuildId);
        assertThat(rebuild.path("state").asString()).isEqualTo("SWITCHED");
        assertThat(rebuild.path("position").asLong()).isGreaterThanOrEqualTo(scenarioPosition);
        assertThat(rebuild.path("headPosition").asLong()).isGreaterThanOrEqualTo(rebuild.path("position").asLong());
        assertThat(rebuild.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(rebuild.path("startedAt").asString()).isNotBlank();
        assertThat(rebuild.path("finishedAt").asString()).isNotBlank();
        assertThat(rebuild.path("eventsPerSecond").asDouble()).isPositive();
        assertThat(snapshot(projection)).isEqualTo(live);
        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.startsWith("rebuild__"));
        JsonNode status = projection(projection);
        assertThat(status.path("state").asString()).isEqualTo("RUNNING");
    }

    @Test
    void rebuildOfEveryProjection_givesTheDocumentsOfEveryLiveModel_inOneRebuild() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> getAtPosition("/api/v1/admin/projections", admin, scenarioPosition).status() == 200);
        awaitNoRebuildRunning();
        Map<String, Map<String, List<Document>>> live = new LinkedHashMap<>();
        for (String projection : projections()) {
            Map<String, List<Document>> documents = snapshot(projection);
            live.put(projection, documents);
            // Lose one document of each live model: only a real rebuild of each brings it back.
            String collection = COLLECTIONS.get(projection).getFirst();
            mongo.getCollection(collection).deleteOne(new Document("_id",
                    documents.get(collection).getFirst().get("_id")));
        }

        Response accepted = send(HttpMethod.POST, "/api/v1/admin/projections/rebuild", admin);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode rebuilds = accepted.json().path("rebuilds");
        assertThat(rebuilds.size()).as("query-api runs every projection in one processor").isEqualTo(1);
        JsonNode started = rebuilds.get(0);
        assertThat(started.path("processor").asString()).isEqualTo("projections");
        assertThat(started.path("state").asString()).isEqualTo("RUNNING");
        assertThat(started.path("projections").valueStream().map(JsonNode::asString).toList())
                .containsAll(projections());
        String rebuildId = started.path("rebuildId").asString();
        Response again = send(HttpMethod.POST, "/api/v1/admin/projections/user-view/rebuild", admin);
        if (again.status() != 202) {
            assertThat(again.code()).as(again.toString()).isEqualTo("REBUILD_RUNNING");
        }
        for (String projection : projections()) {
            JsonNode rebuild = awaitFinished(projection, rebuildId);
            assertThat(rebuild.path("state").asString()).as(projection).isEqualTo("SWITCHED");
            assertThat(rebuild.path("position").asLong()).isGreaterThanOrEqualTo(scenarioPosition);
        }
        for (String projection : projections()) {
            assertThat(snapshot(projection)).as(projection).isEqualTo(live.get(projection));
        }
        awaitNoRebuildRunning();
        assertThat(mongo.getCollectionNames()).noneMatch(name -> name.startsWith("rebuild__"));
    }

    @Test
    void reads_keepAnswering_andLiveEventsAreInTheResult_whileMessagesAreRebuilt() throws InterruptedException {
        String me = UUID.randomUUID().toString();
        String friend = UUID.randomUUID().toString();
        append(me, new UserRegisteredEvent(me, me + "@example.com", "Me", Set.of(Role.USER), Instant.now()));
        ConversationLog chat = ConversationLog.direct(me, friend, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        for (int i = 0; i < 120; i++) {
            chat.send(i % 2 == 0 ? me : friend, "message " + i);
        }
        long position = appendTo(ConversationLog.AGGREGATE, chat.id(), chat.drain());
        String token = TestTokens.accessToken(me, TestTokens.newSessionId());
        String page = "/api/v1/conversations/" + chat.id() + "/messages?beforeSeq=101&limit=100";
        long written = position;
        await().atMost(Duration.ofSeconds(60)).until(() -> getAtPosition(page, token, written).status() == 200);
        assertThat(get(page, token).json().path("items").size()).isEqualTo(100);

        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> {
            while (reading.get()) {
                Response response = get(page, token);
                if (response.status() != 200 || response.json().path("items").size() != 100) {
                    failures.add(response.toString());
                }
                reads.incrementAndGet();
            }
        });
        try {
            Response accepted = send(HttpMethod.POST, "/api/v1/admin/projections/message-view/rebuild", admin);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            String rebuildId = accepted.json().path("rebuildId").asString();
            int sentWhileRunning = 0;
            int refusedWhileRunning = 0;
            while (true) {
                chat.send(me, "during the rebuild");
                position = appendTo(ConversationLog.AGGREGATE, chat.id(), chat.drain());
                Response again = send(HttpMethod.POST, "/api/v1/admin/projections/message-view/rebuild", admin);
                JsonNode rebuild = projection("message-view").path("rebuild");
                if (again.status() == 202 || !rebuild.path("rebuildId").asString().equals(rebuildId)
                        || !rebuild.path("state").asString().equals("RUNNING")) {
                    break;
                }
                sentWhileRunning++;
                // Still running after the second request: it must have been refused.
                assertThat(again.status()).as(again.toString()).isEqualTo(409);
                assertThat(again.code()).isEqualTo("REBUILD_RUNNING");
                assertThat(again.contentType()).startsWith("application/problem+json");
                refusedWhileRunning++;
            }
            assertThat(sentWhileRunning).isPositive();
            assertThat(refusedWhileRunning).isPositive();
            // The last request may have started another rebuild, once the first had switched: wait for both.
            awaitNoRebuildRunning("message-view");
            assertThat(projection("message-view").path("rebuild").path("state").asString()).isEqualTo("SWITCHED");

            long last = position;
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> getAtPosition(page, token, last).status() == 200);
            Response newest = get("/api/v1/conversations/" + chat.id() + "/messages?limit=100", token);
            assertThat(newest.status()).as(newest.toString()).isEqualTo(200);
            JsonNode items = newest.json().path("items");
            assertThat(items.get(items.size() - 1).path("seq").asLong()).isEqualTo(chat.lastSeq());
            assertThat(items.get(items.size() - 1).path("text").asString()).isEqualTo("during the rebuild");
            assertThat(items.valueStream().map(item -> item.path("seq").asLong()))
                    .containsExactlyElementsOf(ascending(chat.lastSeq() - items.size() + 1, chat.lastSeq()));
        } finally {
            reading.set(false);
            reader.join();
        }
        assertThat(reads.get()).isPositive();
        assertThat(failures).isEmpty();
    }

    @Test
    void rebuildingMessages_sendsLiveSubscribersNothingTwice() {
        String me = UUID.randomUUID().toString();
        String friend = UUID.randomUUID().toString();
        ConversationLog chat = ConversationLog.direct(me, friend, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String one = chat.send(me, "one");
        chat.send(friend, "two");
        chat.edit(one, me, "one, edited").react(one, friend, "👍");
        long position = appendTo(ConversationLog.AGGREGATE, chat.id(), chat.drain());
        awaitNoRebuildRunning("message-view");
        try (Connection connection = StompTestClient.connect(port(),
                TestTokens.accessToken(me, TestTokens.newSessionId()))) {
            Subscription live = connection.subscribe("/topic/conversations/" + chat.id() + "/messages",
                    "since-seq", "2", "X-Min-Position", Long.toString(position));

            Response accepted = send(HttpMethod.POST, "/api/v1/admin/projections/message-view/rebuild", admin);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            JsonNode rebuild = awaitFinished("message-view", accepted.json().path("rebuildId").asString());
            assertThat(rebuild.path("state").asString()).isEqualTo("SWITCHED");
            // A shadow that emitted would have sent the old edit and reaction again.
            live.assertNothingWithin(Duration.ofMillis(500));

            String three = chat.send(me, "three");
            appendTo(ConversationLog.AGGREGATE, chat.id(), chat.drain());
            JsonNode created = live.next();
            assertThat(created.path("type").asString()).isEqualTo("message.created");
            assertThat(created.path("message").path("messageId").asString()).isEqualTo(three);
            assertThat(created.path("message").path("seq").asLong()).isEqualTo(3);
            live.assertNothingWithin(Duration.ofMillis(500));
        }
    }

    @Test
    void rebuild_needsATokenAndTheAdminRole() {
        Response anonymous = send(HttpMethod.POST, "/api/v1/admin/projections/user-view/rebuild", null);
        Response user = send(HttpMethod.POST, "/api/v1/admin/projections/user-view/rebuild",
                TestTokens.accessToken(UUID.randomUUID().toString(), TestTokens.newSessionId(), Role.USER));

        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("INVALID_TOKEN");
        assertThat(user.status()).as(user.toString()).isEqualTo(403);
        assertThat(user.code()).isEqualTo("ACCESS_DENIED");
        assertThat(projection("user-view").path("rebuild").path("state").asString()).isNotEqualTo("RUNNING");
    }

    @Test
    void rebuild_ofAnUnknownProjection_isNotFound() {
        Response response = send(HttpMethod.POST, "/api/v1/admin/projections/no-such-view/rebuild", admin);

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("PROJECTION_NOT_FOUND");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void rebuild_ofAProjectionThisInstanceDoesNotProcess_isRefused() {
        StreamingEventProcessor receipts = processing.eventProcessorByProcessingGroup("receipt-view",
                StreamingEventProcessor.class).orElseThrow();
        receipts.shutDown();
        try {
            Response response = send(HttpMethod.POST, "/api/v1/admin/projections/receipt-view/rebuild", admin);

            assertThat(response.status()).as(response.toString()).isEqualTo(409);
            assertThat(response.code()).isEqualTo("PROJECTION_NOT_OWNED");
            assertThat(response.contentType()).startsWith("application/problem+json");
        } finally {
            receipts.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !receipts.processingStatus().isEmpty());
    }

    private long appendScenario() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-11-01T09:00:00Z");
        append(alice, new UserRegisteredEvent(alice, alice + "@example.com", "Alice", Set.of(Role.USER), at),
                new UserProfileChangedEvent(alice, "Alice A.", "bio", null, at.plusSeconds(1)),
                new SessionsRevokedEvent(alice, List.of(UUID.randomUUID().toString()), RevocationReason.LOGOUT,
                        Instant.now()));
        append(bob, new UserRegisteredEvent(bob, bob + "@example.com", "Bob", Set.of(Role.USER), at),
                new UserDeletedEvent(bob, at.plusSeconds(2)));
        IDS.add(alice);
        IDS.add(bob);
        long position = 0;
        for (Object event : EventScenarios.everyKind()) {
            ProjectionHarness.Aggregate aggregate = ProjectionHarness.Aggregate.of(event);
            IDS.add(aggregate.id());
            position = appendTo(aggregate.type(), aggregate.id(), event);
        }
        return position;
    }

    /** The documents of the projection's collections that belong to this test's events, by collection. */
    private Map<String, List<Document>> snapshot(String projection) {
        Document mine = new Document("$or", List.of(
                new Document("_id", new Document("$in", List.copyOf(IDS))),
                new Document("conversationId", new Document("$in", List.copyOf(IDS))),
                new Document("userId", new Document("$in", List.copyOf(IDS)))));
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String collection : COLLECTIONS.get(projection)) {
            snapshot.put(collection, mongo.getCollection(collection).find(mine).sort(new Document("_id", 1))
                    .into(new ArrayList<>()));
        }
        return snapshot;
    }

    private JsonNode projection(String name) {
        Response response = get("/api/v1/admin/projections", admin);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().valueStream()
                .filter(p -> p.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode awaitFinished(String projection, String rebuildId) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> projection(projection).path("rebuild"),
                        rebuild -> rebuild.path("rebuildId").asString().equals(rebuildId)
                                && !rebuild.path("state").asString().equals("RUNNING"));
    }

    private void awaitNoRebuildRunning(String projection) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> !projection(projection).path("rebuild").path("state").asString().equals("RUNNING"));
    }

    private void awaitNoRebuildRunning() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/v1/admin/projections", admin).json().valueStream()
                        .noneMatch(p -> p.path("rebuild").path("state").asString().equals("RUNNING")));
    }

    private static List<Long> ascending(long from, long to) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            seqs.add(seq);
        }
        return seqs;
    }
}
