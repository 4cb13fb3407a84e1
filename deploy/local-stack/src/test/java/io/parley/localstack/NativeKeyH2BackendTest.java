package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeKeyH2BackendTest {

    @TempDir
    Path dataDir;

    @Test
    void indexKeys_areOrderedElementByElement_consistentlyWithEquals() {
        IndexKeyType type = new IndexKeyType();
        List<KeyValue> keys = new ArrayList<>(List.of(new KeyValue("b", 1L), new KeyValue("a", 2L),
                new KeyValue("a", 10L), new KeyValue("a"), new KeyValue("a", 2L), new KeyValue(3.5), new KeyValue("a", "x")));
        keys.sort(type::compare);

        assertThat(type.compare(new KeyValue("a", 2L), new KeyValue("a", 2L))).isZero();
        assertThat(type.compare(new KeyValue("a", 2L), new KeyValue("a", 10L))).isNegative();
        assertThat(type.compare(new KeyValue("a"), new KeyValue("a", 2L))).isNegative();
        assertThat(keys).isSortedAccordingTo(type::compare);
        for (KeyValue left : keys) {
            for (KeyValue right : keys) {
                assertThat(type.compare(left, right) == 0).isEqualTo(left.equals(right));
                assertThat(Integer.signum(type.compare(left, right))).isEqualTo(-Integer.signum(type.compare(right, left)));
            }
        }
    }

    @Test
    void uniqueIndexes_findAndRefuseAsBefore_acrossRestarts() throws Exception {
        int port = freePort();
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.uri("parley"))) {
            MongoCollection<Document> messages = messages(client);
            messages.createIndex(Indexes.ascending("conversationId", "seq"), new IndexOptions().unique(true));
            for (int seq = 1; seq <= 200; seq++) {
                messages.insertOne(new Document("_id", "m" + seq).append("conversationId", "c" + seq % 3)
                        .append("seq", seq));
            }
            assertDuplicateRefused(messages);
        }
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.uri("parley"))) {
            MongoCollection<Document> messages = messages(client);
            Document found = messages.find(new Document("_id", "m150")).first();
            assertThat(found).isNotNull();
            assertThat(found.getInteger("seq")).isEqualTo(150);
            assertThat(messages.countDocuments()).isEqualTo(200);
            assertDuplicateRefused(messages);
        }
    }

    @Test
    void indexesWrittenByThePlainH2Backend_areMovedOnce_andKeepServing() throws Exception {
        String file = dataDir.resolve("mongo.mv").toString();
        int port = freePort();
        MongoServer plain = new MongoServer(new H2Backend(file));
        plain.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> messages = messages(client);
            messages.createIndex(Indexes.ascending("conversationId", "seq"), new IndexOptions().unique(true));
            for (int seq = 1; seq <= 50; seq++) {
                messages.insertOne(new Document("_id", "m" + seq).append("conversationId", "c").append("seq", seq));
            }
        } finally {
            plain.shutdown();
        }

        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.uri("parley"))) {
            MongoCollection<Document> messages = messages(client);
            assertThat(messages.find(new Document("_id", "m42")).first()).isNotNull();
            Document byKey = messages.find(new Document("conversationId", "c").append("seq", 7)).first();
            assertThat(byKey).isNotNull();
            assertThat(byKey.getString("_id")).isEqualTo("m7");
            assertThatThrownBy(() -> messages.insertOne(new Document("_id", "m7").append("seq", 0)))
                    .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> messages.insertOne(
                    new Document("_id", "other").append("conversationId", "c").append("seq", 7)))
                    .isInstanceOf(MongoWriteException.class);
        }
    }

    private static void assertDuplicateRefused(MongoCollection<Document> messages) {
        assertThatThrownBy(() -> messages.insertOne(
                new Document("_id", "dup").append("conversationId", "c1").append("seq", 1)))
                .isInstanceOf(MongoWriteException.class)
                .satisfies(e -> assertThat(((MongoWriteException) e).getCode()).isEqualTo(11000));
        assertThatThrownBy(() -> messages.insertOne(new Document("_id", "m1").append("seq", -1)))
                .isInstanceOf(MongoWriteException.class);
    }

    private static MongoCollection<Document> messages(MongoClient client) {
        return client.getDatabase("parley").getCollection("messages");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
