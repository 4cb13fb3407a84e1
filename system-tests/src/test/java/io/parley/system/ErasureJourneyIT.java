package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.system.ParleyClient.User;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Erasure that survives replay (crypto-shredding, docs/adr/0007): a user writes, deletes the account, and an admin
 * rebuilds every read model from the event store. Afterwards the user's email, name, profile and message texts are
 * nowhere readable, neither in a read model document nor in an event or snapshot payload, while the other member's
 * messages read as before; the time-travel view, folded from the events, shows the erased messages as deleted.
 */
class ErasureJourneyIT {

    private static final String DATABASE = "parley_system_it";

    private static ParleyStack stack;

    @BeforeAll
    static void stack() throws Exception {
        stack = ParleyStack.get();
    }

    @Test
    void afterDeletionAndRebuild_nothingOfTheUserIsReadable_andTheOthersDataIs() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ParleyClient parley = new ParleyClient(stack);
        User admin = admin(parley);
        User erin = parley.signUp("Erin " + suffix);
        User bob = parley.signUp("Bob " + suffix);
        String erinsBio = "Erin keeps bees in " + suffix;
        assertThat(parley.patch(erin, "/api/v1/users/me", Map.of("bio", erinsBio)).status()).isEqualTo(204);

        Http.Reply created = parley.post(bob, "/api/v1/conversations/groups",
                Map.of("name", "Erasure " + suffix, "memberIds", List.of(erin.userId())));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String base = "/api/v1/conversations/" + created.text("conversationId");
        // One word of each text is unique, so a read model that keeps words (search) is checked too.
        String firstWord = "firstsecret" + suffix;
        String editWord = "editedsecret" + suffix;
        String erinsFirst = "erin wrote " + firstWord;
        String erinsSecond = "erin wrote secondsecret" + suffix;
        String erinsEdit = "erin wrote " + editWord;
        String bobsText = "bob stays readable " + suffix;
        send(parley, erin, base, erinsFirst);
        String secondId = send(parley, erin, base, erinsSecond);
        assertThat(parley.patch(erin, base + "/messages/" + secondId, Map.of("text", erinsEdit)).status())
                .isEqualTo(204);
        send(parley, bob, base, bobsText);
        List<String> erins = List.of(erin.email(), "Erin " + suffix, erinsBio, erinsFirst, erinsSecond, erinsEdit,
                firstWord, editWord);

        // Before the deletion both read as written, and the event store holds none of it in plain text already.
        assertThat(texts(parley.get(bob, base + "/messages"))).contains(erinsFirst, erinsEdit, bobsText);
        assertThat(eventStorePayloads()).noneSatisfy(payload -> assertThat(payload).containsAnyOf(
                erins.toArray(String[]::new)));
        Instant beforeDeletion = Instant.now();
        assertThat(texts(parley.get(bob, base + "/as-of?at=" + beforeDeletion))).contains(erinsFirst, erinsEdit);
        assertThat(texts(parley.get(bob, "/api/v1/search/messages?q=" + editWord))).containsExactly(erinsEdit);
        assertThat(texts(parley.get(bob, base + "/messages/" + secondId + "/history"))).hasSize(2);

        assertThat(parley.delete(erin, "/api/v1/users/me").status()).isEqualTo(204);
        rebuildEverything(parley, admin);

        JsonNode messages = parley.get(bob, base + "/messages").json().path("items");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("deleted").asBoolean()).isTrue();
        assertThat(textOf(messages.get(0))).isNull();
        assertThat(textOf(messages.get(1))).isNull();
        assertThat(messages.get(1).path("deleted").asBoolean()).isTrue();
        assertThat(messages.get(2).path("text").asString()).isEqualTo(bobsText);
        assertThat(messages.get(2).path("deleted").asBoolean()).isFalse();

        JsonNode past = parley.get(bob, base + "/as-of?at=" + beforeDeletion).json().path("items");
        assertThat(past).extracting(item -> item.path("deleted").asBoolean()).containsExactly(true, true, false);
        assertThat(textOf(past.get(0))).isNull();
        assertThat(textOf(past.get(1))).isNull();
        assertThat(past.get(2).path("text").asString()).isEqualTo(bobsText);
        assertThat(texts(parley.get(bob, "/api/v1/search/messages?q=" + editWord))).isEmpty();
        assertThat(texts(parley.get(bob, "/api/v1/search/messages?q=" + firstWord))).isEmpty();
        assertThat(texts(parley.get(bob, base + "/messages/" + secondId + "/history"))).isEmpty();
        assertThat(parley.get(bob, "/api/v1/users/" + erin.userId()).status()).isEqualTo(404);
        assertThat(parley.get(bob, "/api/v1/users/" + bob.userId()).text("displayName")).isEqualTo("Bob " + suffix);

        List<String> documents = readModelDocuments();
        assertThat(documents).as("the scan reads the read models").anySatisfy(doc -> assertThat(doc).contains(bobsText));
        for (String erinsData : erins) {
            assertThat(documents).as("read models").noneSatisfy(doc -> assertThat(doc).contains(erinsData));
            assertThat(eventStorePayloads()).as("event store").noneSatisfy(payload -> assertThat(payload)
                    .contains(erinsData));
        }
        assertThat(keyOf(erin.userId())).as("erin's key").isNull();
        assertThat(keyOf(bob.userId())).as("bob's key").hasSize(32);
    }

    private static String send(ParleyClient parley, User sender, String base, String text) {
        Http.Reply sent = parley.post(sender, base + "/messages",
                Map.of("clientMessageId", UUID.randomUUID().toString(), "text", text));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
        return sent.text("messageId");
    }

    private static String textOf(JsonNode message) {
        return message.path("text").isString() ? message.path("text").asString() : null;
    }

    private static List<String> texts(Http.Reply page) {
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return page.json().path("items").valueStream().map(item -> item.path("text").asString()).toList();
    }

    private static User admin(ParleyClient parley) {
        parley.command.post("/api/v1/auth/register", Map.of("email", ParleyStack.ADMIN_EMAIL,
                "password", ParleyClient.PASSWORD, "displayName", "Admin"), Map.of());
        Http.Reply login = parley.command.post("/api/v1/auth/login",
                Map.of("email", ParleyStack.ADMIN_EMAIL, "password", ParleyClient.PASSWORD), Map.of());
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        return new User(login.text("userId"), ParleyStack.ADMIN_EMAIL, login.text("accessToken"));
    }

    private static void rebuildEverything(ParleyClient parley, User admin) {
        Http.Reply accepted = parley.query.post("/api/v1/admin/projections/rebuild", Map.of(), admin.bearer());
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        String rebuildId = accepted.json().path("rebuilds").get(0).path("rebuildId").asString();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                parley.get(admin, "/api/v1/admin/projections").json().valueStream()
                        .allMatch(p -> p.path("rebuild").path("rebuildId").asString().equals(rebuildId)
                                && !p.path("rebuild").path("state").asString().equals("RUNNING")));
        assertThat(parley.get(admin, "/api/v1/admin/projections").json().valueStream()
                .map(p -> p.path("rebuild").path("state").asString())).containsOnly("SWITCHED");
    }

    /** Every document of every collection of query-api's database, as JSON. */
    private static List<String> readModelDocuments() {
        List<String> documents = new ArrayList<>();
        try (MongoClient client = MongoClients.create(TestInfrastructure.mongoUri(DATABASE))) {
            MongoDatabase database = client.getDatabase(DATABASE);
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    documents.add(document.toJson());
                }
            }
        }
        return documents;
    }

    /** Every event and snapshot payload and metadata in the store, as text. */
    private static List<String> eventStorePayloads() throws Exception {
        List<String> payloads = new ArrayList<>();
        try (Connection connection = database(); Statement statement = connection.createStatement()) {
            for (String table : List.of("domain_event_entry", "snapshot_event_entry")) {
                try (ResultSet rows = statement.executeQuery("select payload, meta_data from " + table)) {
                    while (rows.next()) {
                        payloads.add(new String(rows.getBytes(1), StandardCharsets.UTF_8));
                        byte[] metaData = rows.getBytes(2);
                        payloads.add(metaData == null ? "" : new String(metaData, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return payloads;
    }

    private static byte[] keyOf(String userId) throws Exception {
        try (Connection connection = database(); var statement = connection.prepareStatement(
                "select key_bytes from personal_data_keys where subject_id = ?")) {
            statement.setString(1, userId);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("a key row for " + userId).isTrue();
                return row.getBytes(1);
            }
        }
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(TestInfrastructure.postgresUrl(DATABASE),
                TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword());
    }
}
