package io.parley.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import io.parley.kernel.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Bulk writes handed to the driver store what Spring's own bulk operations store, against the wire server. */
class DirectBulkTest {

    enum Kind { TEXT, IMAGE }

    record Part(String name, Instant at, Kind kind) {
    }

    @org.springframework.data.mongodb.core.mapping.Document("direct")
    record Direct(String id, String conversationId, long seq, Instant at, Kind kind, List<Part> parts, Set<String> tags,
                  Instant unreadSince) {
    }

    @org.springframework.data.mongodb.core.mapping.Document("mapped")
    record Mapped(String id, String conversationId, long seq, Instant at, Kind kind, List<Part> parts, Set<String> tags,
                  Instant unreadSince) {
    }

    private static MongoClient client;
    private MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("direct_bulk_test"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void setUp() {
        mongo = new MongoTemplate(client, "direct_bulk_test");
        mongo.dropCollection(Direct.class);
        mongo.dropCollection(Mapped.class);
    }

    @Test
    void upsertsAndUpdates_storeTheDocuments_thatSpringsBulkOperationsStore() {
        Instant at = Instant.parse("2026-12-07T10:00:00.123Z");
        DirectBulk direct = DirectBulk.unordered(mongo, Direct.class);
        BulkOperations mapped = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Mapped.class);
        for (int i = 1; i <= 3; i++) {
            Update insert = inserted(i, at);
            direct.upsert(query(where("_id").is("m" + i)), insert);
            mapped.upsert(query(where("_id").is("m" + i)), insert);
        }
        direct.execute();
        mapped.execute();
        Update later = new Update().max("at", at.plusSeconds(60)).set("unreadSince", at).unset("tags");
        DirectBulk.unordered(mongo, Direct.class).updateMulti(query(where("seq").gte(2L).and("kind").is(Kind.IMAGE)),
                later).execute();
        mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Mapped.class)
                .updateMulti(query(where("seq").gte(2L).and("kind").is(Kind.IMAGE)), later).execute();

        List<Document> stored = raw("direct");
        assertThat(stored).hasSize(3).isEqualTo(raw("mapped"));
        assertThat(stored.get(2).get("parts", List.class).getFirst()).isEqualTo(new Document("name", "p3")
                .append("at", Date.from(at)).append("kind", "TEXT"));
        assertThat(mongo.findAll(Direct.class)).extracting(Direct::parts).allSatisfy(parts -> assertThat(parts)
                .extracting(Part::kind).containsExactly(Kind.TEXT, Kind.IMAGE));
    }

    @Test
    void anOrderedBulk_appliesItsWritesOneAfterTheOther() {
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        DirectBulk.unordered(mongo, Direct.class)
                .upsert(query(where("_id").is("a")), new Update().setOnInsert("seq", 0L).setOnInsert("kind", Kind.TEXT))
                .upsert(query(where("_id").is("b")), new Update().setOnInsert("seq", 5L).setOnInsert("kind", Kind.TEXT))
                .execute();
        // Each write sets unreadSince only where it is still unset: in order, the first one that applies wins.
        DirectBulk ordered = DirectBulk.ordered(mongo, Direct.class);
        for (int i = 1; i <= 6; i++) {
            ordered.updateMulti(query(where("seq").lt((long) i).and("unreadSince").is(null)),
                    new Update().set("unreadSince", at.plusSeconds(i)));
        }
        ordered.execute();

        assertThat(mongo.findById("a", Direct.class).unreadSince()).isEqualTo(at.plusSeconds(1));
        assertThat(mongo.findById("b", Direct.class).unreadSince()).isEqualTo(at.plusSeconds(6));
    }

    @Test
    void insertsOnce_storeWhatAnUpsertWithSetOnInsertStores() {
        Instant at = Instant.parse("2026-12-07T10:00:00.123Z");
        DirectBulk direct = DirectBulk.unordered(mongo, Direct.class);
        BulkOperations mapped = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Mapped.class);
        for (int i = 1; i <= 3; i++) {
            Update insert = inserted(i, at).setOnInsert("unreadSince", null);
            direct.insertOnce("m" + i, insert);
            mapped.upsert(query(where("_id").is("m" + i)), insert);
        }
        direct.execute();
        mapped.execute();

        assertThat(raw("direct")).hasSize(3).isEqualTo(raw("mapped"));
    }

    @Test
    void insertOnce_ofAStoredId_evenTwice_leavesItAsItIs_andInsertsTheRestOfTheBulk() {
        mongo.getCollection("direct").insertOne(new Document("_id", "m2").append("seq", 2L).append("edited", true));

        DirectBulk bulk = DirectBulk.unordered(mongo, Direct.class);
        for (int i = 1; i <= 3; i++) {
            bulk.insertOnce("m" + i, new Update().setOnInsert("seq", (long) i));
        }
        bulk.insertOnce("m2", new Update().setOnInsert("seq", 2L));
        bulk.execute();

        assertThat(raw("direct")).containsExactly(new Document("_id", "m1").append("seq", 1L),
                new Document("_id", "m2").append("seq", 2L).append("edited", true),
                new Document("_id", "m3").append("seq", 3L));
    }

    @Test
    void insertOnce_thatTakesAnotherDocumentsUniqueKey_fails() {
        mongo.getCollection("direct").createIndex(new Document("seq", 1), new IndexOptions().unique(true));
        mongo.getCollection("direct").insertOne(new Document("_id", "m1").append("seq", 1L));

        DirectBulk bulk = DirectBulk.unordered(mongo, Direct.class)
                .insertOnce("m1", new Update().setOnInsert("seq", 1L))
                .insertOnce("other", new Update().setOnInsert("seq", 1L));

        assertThatThrownBy(bulk::execute).isInstanceOf(DuplicateKeyException.class);
        assertThat(raw("direct")).containsExactly(new Document("_id", "m1").append("seq", 1L));
    }

    @Test
    void insertOnce_takesOnlyTheFieldsOfASetOnInsert_inAnUnorderedBulk() {
        assertThatThrownBy(() -> DirectBulk.unordered(mongo, Direct.class).insertOnce("m1", new Update().set("seq", 1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DirectBulk.ordered(mongo, Direct.class).insertOnce("m1", new Update().setOnInsert("seq",
                1L))).isInstanceOf(IllegalStateException.class);
    }

    private static Update inserted(int i, Instant at) {
        return new Update()
                .setOnInsert("conversationId", "c1")
                .setOnInsert("seq", (long) i)
                .setOnInsert("at", at.plusSeconds(i))
                .setOnInsert("kind", Kind.IMAGE)
                .setOnInsert("parts", List.of(new Part("p" + i, at, Kind.TEXT), new Part("q", at, Kind.IMAGE)))
                .setOnInsert("tags", Set.of("t" + i));
    }

    private List<Document> raw(String collection) {
        return mongo.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
