package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeKeyH2BackendTest {

    @TempDir
    Path dataDir;

    @Test
    void indexKeys_areOrderedElementByElement_consistentlyWithEquals() {
        WireDataType type = new WireDataType();
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
    void values_areOrderedAsH2OrdersThem_soExistingIndexesKeepTheirOrder() {
        WireDataType type = new WireDataType();
        ObjectDataType h2 = new ObjectDataType();
        List<Object> values = new ArrayList<>(Arrays.asList(null, "", "a", "B", "b", "ab", "\u00e9", "\ud83d\ude00",
                0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 0, -7, Integer.MAX_VALUE, 0.0, -0.0, 1.5, Double.NaN,
                Double.NEGATIVE_INFINITY, true, false, new KeyValue("a", 1L)));
        for (Object left : values) {
            for (Object right : values) {
                assertThat(Integer.signum(type.compare(left, right))).as("%s vs %s", left, right)
                        .isEqualTo(Integer.signum(h2.compare(left, right)));
                assertThat(Integer.signum(type.compare(new KeyValue("k", left), new KeyValue("k", right))))
                        .as("keys with %s vs %s", left, right)
                        .isEqualTo(Integer.signum(h2.compare(left, right)));
            }
        }
    }

    @Test
    void documentsAndKeys_roundTripThroughTheirCompactForm_andOldFormsStillRead() {
        WireDataType type = new WireDataType();
        de.bwaldvogel.mongo.bson.Document nested = new de.bwaldvogel.mongo.bson.Document("a", 1)
                .append("b", List.of("x", 2L, 3.5, true))
                .append("at", java.time.Instant.parse("2026-12-06T17:00:00.123Z"))
                .append("none", null)
                .append("inner", new de.bwaldvogel.mongo.bson.Document("deep", "é ✓ 😀"));
        KeyValue key = new KeyValue("c1", 42L, null, nested);

        assertThat(roundTrip(type, nested)).isEqualTo(nested);
        assertThat(roundTrip(type, key)).isEqualTo(key);
        assertThat(roundTrip(type, "plain")).isEqualTo("plain");
        WriteBuffer written = new WriteBuffer();
        type.write(written, nested);
        assertThat(written.getBuffer().flip().get(0) & 0xff).isEqualTo(WireDataType.TAG_DOCUMENT);

        // What H2's own type wrote (Java serialisation) reads back unchanged.
        ObjectDataType plain = new ObjectDataType();
        assertThat(roundTrip(plain, type, nested)).isEqualTo(nested);
        assertThat(roundTrip(plain, type, key)).isEqualTo(key);
    }

    private static Object roundTrip(ObjectDataType type, Object value) {
        return roundTrip(type, type, value);
    }

    private static Object roundTrip(ObjectDataType writer, ObjectDataType reader, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        writer.write(buffer, value);
        writer.write(buffer, "after");
        java.nio.ByteBuffer bytes = buffer.getBuffer().flip();
        Object read = reader.read(bytes);
        assertThat(reader.read(bytes)).isEqualTo("after");
        assertThat(bytes.hasRemaining()).isFalse();
        return read;
    }

    @Test
    void collectionsWrittenByThePlainH2Backend_keepServing_andRenameAcrossRestarts() throws Exception {
        int port = freePort();
        withPlainBackend(port, messages -> {
            for (int seq = 1; seq <= 50; seq++) {
                messages.insertOne(new Document("_id", "m" + seq).append("seq", seq).append("text", "old " + seq));
            }
        });
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.uri("parley"))) {
            MongoCollection<Document> messages = messages(client);
            assertThat(messages.find(new Document("_id", "m42")).first()).containsEntry("text", "old 42");
            messages.updateOne(new Document("_id", "m42"), new Document("$set", new Document("text", "new 42")));
            messages.insertOne(new Document("_id", "m51").append("seq", 51).append("text", "new 51"));
            messages.createIndex(Indexes.ascending("seq"), new IndexOptions().unique(true));
            messages.renameCollection(new com.mongodb.MongoNamespace("parley", "renamed"));
        }
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.uri("parley"))) {
            MongoCollection<Document> renamed = client.getDatabase("parley").getCollection("renamed");
            assertThat(renamed.countDocuments()).isEqualTo(51);
            assertThat(renamed.find(new Document("_id", "m42")).first()).containsEntry("text", "new 42");
            assertThat(renamed.find(new Document("_id", "m7")).first()).containsEntry("text", "old 7");
            assertThat(renamed.find(new Document("_id", "m51")).first()).containsEntry("seq", 51);
            assertThat(renamed.find(new Document("seq", 42)).first()).containsEntry("_id", "m42");
            assertThatThrownBy(() -> renamed.insertOne(new Document("_id", "x").append("seq", 42)))
                    .isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> renamed.insertOne(new Document("_id", "m42")))
                    .isInstanceOf(MongoWriteException.class);
            assertThat(messages(client).countDocuments()).isZero();
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
    void aCompoundIndex_answersAStringForItsFirstKey_fromThatKeysRangeOnly() {
        MVMap<KeyValue, Object> map = new MVStore.Builder().open().openMap("messages._index_conversation_seq",
                new MVMap.Builder<KeyValue, Object>().keyType(new WireDataType()));
        NativeKeyIndex index = new NativeKeyIndex(map, "conversation_seq",
                List.of(new IndexKey("conversationId", true), new IndexKey("seq", true)), false);
        for (int seq = 1; seq <= 30; seq++) {
            index.add(new de.bwaldvogel.mongo.bson.Document("_id", "m" + seq).append("conversationId", "c" + seq % 3)
                    .append("seq", (long) seq), "m" + seq, null);
        }

        var afterSeq = new de.bwaldvogel.mongo.bson.Document("conversationId", "c1")
                .append("seq", new de.bwaldvogel.mongo.bson.Document("$gt", 10L));
        var twoConversations = new de.bwaldvogel.mongo.bson.Document("conversationId",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("c0", "c2")));

        assertThat(index.canHandle(afterSeq)).isTrue();
        assertThat(index.getPositions(afterSeq)).containsExactlyInAnyOrder(
                "m1", "m4", "m7", "m10", "m13", "m16", "m19", "m22", "m25", "m28");
        assertThat(index.canHandle(twoConversations)).isTrue();
        assertThat(index.getPositions(twoConversations)).hasSize(20).doesNotContain("m1", "m4", "m28");
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("seq", 3L))).isFalse();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("conversationId",
                new de.bwaldvogel.mongo.bson.Document("$gt", "c1")))).isFalse();
    }

    @Test
    void anIdIndex_answersAnIdWithFurtherConditions_fromThatIdOnly() {
        MVMap<KeyValue, Object> map = new MVStore.Builder().open().openMap("deliveries._index__id_",
                new MVMap.Builder<KeyValue, Object>().keyType(new WireDataType()));
        NativeKeyIndex index = new NativeKeyIndex(map, "_id_", List.of(new IndexKey("_id", true)), false);
        for (int n = 1; n <= 30; n++) {
            index.add(new de.bwaldvogel.mongo.bson.Document("_id", "job" + n).append("token", "t" + n), "p" + n, null);
        }

        var claimed = new de.bwaldvogel.mongo.bson.Document("_id", "job3").append("token", "t3");
        var guarded = new de.bwaldvogel.mongo.bson.Document("_id", "job1")
                .append("sequence", new de.bwaldvogel.mongo.bson.Document("$lt", 5L));
        var twoIds = new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("job2", "job20", "job99"))).append("online", true);

        assertThat(index.canHandle(claimed)).isTrue();
        assertThat(index.getPositions(claimed)).containsExactly("p3");
        // job1 is a prefix of job10..job19 as a string, not as a key: the range holds that one key only.
        assertThat(index.canHandle(guarded)).isTrue();
        assertThat(index.getPositions(guarded)).containsExactly("p1");
        assertThat(index.canHandle(twoIds)).isTrue();
        assertThat(index.getPositions(twoIds)).containsExactlyInAnyOrder("p2", "p20");
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("token", "t3"))).isFalse();
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$gt", "job1")).append("token", "t3"))).isFalse();
    }

    @Test
    void updatesAndFindsByIdWithAGuard_matchTheWholeQuery_acrossRestarts() throws Exception {
        int port = freePort();
        for (int run = 0; run < 2; run++) {
            try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
                 MongoClient client = MongoClients.create(mongo.uri("parley"))) {
                MongoCollection<Document> jobs = client.getDatabase("parley").getCollection("jobs");
                if (run == 0) {
                    for (int n = 1; n <= 200; n++) {
                        jobs.insertOne(new Document("_id", "job" + n).append("token", "t" + n).append("state", "SENDING"));
                    }
                }
                assertThat(jobs.updateOne(new Document("_id", "job7").append("token", "other"),
                        new Document("$set", new Document("state", "DONE"))).getModifiedCount()).isZero();
                assertThat(jobs.updateOne(new Document("_id", "job7").append("token", "t7").append("state", "SENDING"),
                        new Document("$set", new Document("state", "DONE"))).getModifiedCount()).isEqualTo(run == 0 ? 1 : 0);
                assertThat(jobs.find(new Document("_id", new Document("$in", List.of("job6", "job7", "job8")))
                        .append("state", "DONE")).map(document -> document.getString("_id")).into(new ArrayList<>()))
                        .containsExactly("job7");
                assertThat(jobs.deleteOne(new Document("_id", "job9").append("token", "t8")).getDeletedCount()).isZero();
                assertThat(jobs.countDocuments(new Document("_id", "job9").append("token", "t9"))).isEqualTo(1);
            }
        }
    }

    @Test
    void queriesOnAConversation_findTheSameDocumentsThroughTheIndex_acrossRestarts() throws Exception {
        int port = freePort();
        for (int run = 0; run < 2; run++) {
            try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
                 MongoClient client = MongoClients.create(mongo.uri("parley"))) {
                MongoCollection<Document> messages = messages(client);
                if (run == 0) {
                    messages.createIndex(Indexes.ascending("conversationId", "seq"), new IndexOptions().unique(true));
                    for (int seq = 1; seq <= 300; seq++) {
                        messages.insertOne(new Document("_id", "m" + seq).append("conversationId", "c" + seq % 3)
                                .append("seq", seq).append("deleted", seq % 10 == 0));
                    }
                    messages.deleteOne(new Document("_id", "m31"));
                    messages.updateOne(new Document("_id", "m34"), new Document("$set", new Document("seq", 1000)));
                }
                List<Integer> page = messages.find(new Document("conversationId", "c1")
                                .append("seq", new Document("$gt", 25)).append("deleted", false))
                        .sort(new Document("seq", 1)).limit(5).map(document -> document.getInteger("seq"))
                        .into(new ArrayList<>());
                assertThat(page).containsExactly(28, 37, 43, 46, 49);
                assertThat(messages.countDocuments(new Document("conversationId",
                        new Document("$in", List.of("c0", "c2"))))).isEqualTo(200);
                Document moved = messages.find(new Document("conversationId", "c1").append("seq", 1000)).first();
                assertThat(moved).isNotNull();
                assertThat(moved.getString("_id")).isEqualTo("m34");
            }
        }
    }

    @Test
    void aNonUniqueIndex_keepsEachStringOfItsFirstKey_andFollowsUpdatesAndRemovals() {
        MVMap<KeyValue, Object> map = new MVStore.Builder().open().openMap("members._index_conversation.secondary",
                new MVMap.Builder<KeyValue, Object>().keyType(new WireDataType()));
        NativeKeySecondaryIndex index = new NativeKeySecondaryIndex(map, "conversation",
                List.of(new IndexKey("conversationId", true)), false);
        var alice = new de.bwaldvogel.mongo.bson.Document("_id", "c1:alice").append("conversationId", "c1");
        var bob = new de.bwaldvogel.mongo.bson.Document("_id", "c1:bob").append("conversationId", "c1");
        var group = new de.bwaldvogel.mongo.bson.Document("_id", "g").append("conversationId", List.of("c1", "c2", 7));
        var numeric = new de.bwaldvogel.mongo.bson.Document("_id", "n").append("conversationId", 7);
        for (var document : List.of(alice, bob, group, numeric)) {
            index.add(document, document.get("_id"), null);
        }
        var c1 = new de.bwaldvogel.mongo.bson.Document("conversationId", "c1");

        assertThat(index.canHandle(c1.append("left", false))).isTrue();
        assertThat(index.getPositions(new de.bwaldvogel.mongo.bson.Document("conversationId", "c1")))
                .containsExactlyInAnyOrder("c1:alice", "c1:bob", "g");
        assertThat(index.getPositions(new de.bwaldvogel.mongo.bson.Document("conversationId",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("c2", "c3"))))).containsExactly("g");
        assertThat(index.canHandle(new de.bwaldvogel.mongo.bson.Document("conversationId", 7))).isFalse();

        var bobMuted = new de.bwaldvogel.mongo.bson.Document(bob).append("muted", true);
        index.updateInPlace(bob, bobMuted, "c1:bob", null);
        var aliceMoved = new de.bwaldvogel.mongo.bson.Document(alice).append("conversationId", "c2");
        index.updateInPlace(alice, aliceMoved, "c1:alice", null);
        assertThat(index.remove(group)).isEqualTo("g");
        assertThat(index.remove(numeric)).isEqualTo("n");

        assertThat(index.getPositions(new de.bwaldvogel.mongo.bson.Document("conversationId", "c1")))
                .containsExactly("c1:bob");
        assertThat(index.getPositions(new de.bwaldvogel.mongo.bson.Document("conversationId", "c2")))
                .containsExactly("c1:alice");
        assertThat(index.getCount()).isEqualTo(2);
    }

    @Test
    void nonUniqueIndexes_answerAsAScanWould_acrossRestarts_andForIndexesOfThePlainBackend() throws Exception {
        int port = freePort();
        withPlainBackend(port, messages -> {
            messages.createIndex(Indexes.ascending("conversationId"));
            for (int i = 1; i <= 90; i++) {
                messages.insertOne(new Document("_id", "m" + i).append("conversationId", "c" + i % 3).append("n", i));
            }
        });
        for (int run = 0; run < 2; run++) {
            try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
                 MongoClient client = MongoClients.create(mongo.uri("parley"))) {
                MongoCollection<Document> messages = messages(client);
                if (run == 0) {
                    messages.createIndex(Indexes.ascending("conversationId", "n"));
                    messages.insertOne(new Document("_id", "m91").append("conversationId", "c1").append("n", 91));
                    messages.updateOne(new Document("_id", "m4"), new Document("$set", new Document("conversationId", "c2")));
                    messages.updateMany(new Document("conversationId", "c1"), new Document("$inc", new Document("n", 1000)));
                    messages.deleteOne(new Document("_id", "m7"));
                }
                assertThat(messages.countDocuments(new Document("conversationId", "c1"))).isEqualTo(29);
                assertThat(messages.find(new Document("conversationId", "c1").append("n", new Document("$lt", 1020)))
                        .sort(new Document("n", 1)).map(document -> document.getString("_id")).into(new ArrayList<>()))
                        .containsExactly("m1", "m10", "m13", "m16", "m19");
                assertThat(messages.countDocuments(new Document("conversationId",
                        new Document("$in", List.of("c0", "c2"))))).isEqualTo(61);
                assertThat(messages.find(new Document("_id", "m4")).first().getInteger("n")).isEqualTo(4);
            }
        }
    }

    @Test
    void aCollectionDroppedAndMadeAgain_startsWithEmptyIndexes() throws Exception {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, freePort());
             MongoClient client = MongoClients.create(mongo.uri("parley"))) {
            for (int round = 0; round < 2; round++) {
                MongoCollection<Document> shadow = client.getDatabase("parley").getCollection("messages_shadow");
                shadow.createIndex(Indexes.ascending("conversationId", "seq"), new IndexOptions().unique(true));
                shadow.createIndex(Indexes.ascending("senderId"));
                shadow.insertOne(new Document("_id", "m1").append("conversationId", "c").append("seq", 1)
                        .append("senderId", "alice"));

                assertThat(shadow.countDocuments(new Document("senderId", "alice"))).isEqualTo(1);
                shadow.drop();
            }
        }
    }

    @Test
    void indexesWrittenByThePlainH2Backend_areMovedOnce_andKeepServing() throws Exception {
        int port = freePort();
        withPlainBackend(port, messages -> {
            messages.createIndex(Indexes.ascending("conversationId", "seq"), new IndexOptions().unique(true));
            for (int seq = 1; seq <= 50; seq++) {
                messages.insertOne(new Document("_id", "m" + seq).append("conversationId", "c").append("seq", seq));
            }
        });

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

    /** Writes to the messages collection the way the wire server did before NativeKeyH2Backend. */
    private void withPlainBackend(int port, java.util.function.Consumer<MongoCollection<Document>> writes) {
        MongoServer plain = new MongoServer(new H2Backend(dataDir.resolve("mongo.mv").toString()));
        plain.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            writes.accept(messages(client));
        } finally {
            plain.shutdown();
        }
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
