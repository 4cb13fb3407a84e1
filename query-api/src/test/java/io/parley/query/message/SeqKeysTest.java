package io.parley.query.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.parley.query.support.ProjectionHarness;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;

class SeqKeysTest {

    private static final String COLLECTION = "keyed";
    private final MongoTemplate mongo = new ProjectionHarness("parley_seq_keys_test").mongo();

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 63, 64, 65, 66, 1000, 1024, 1025, 4321})
    void lastSeq_findsTheNewestOfGapFreeSeqs(long count) {
        String conversationId = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        store(conversationId, count, true);
        store(other, count + 7, true);

        assertThat(SeqKeys.lastSeq(mongo, COLLECTION, conversationId)).isEqualTo(count);
    }

    @Test
    void range_readsTheStoredSeqsOfOneConversation() {
        String conversationId = UUID.randomUUID().toString();
        store(conversationId, 10, true);
        store(UUID.randomUUID().toString(), 10, true);

        var found = SeqKeys.range(mongo, Keyed.class, conversationId, 8, 12, Keyed::seq);

        assertThat(found.keySet()).containsExactly(8L, 9L, 10L);
        assertThat(found.values()).allMatch(keyed -> keyed.conversationId().equals(conversationId));
        assertThat(SeqKeys.range(mongo, Keyed.class, conversationId, 5, 4, Keyed::seq)).isEmpty();
    }

    @Test
    void addMissingKeys_keysDocumentsStoredBeforeTheKeyExisted() {
        String conversationId = UUID.randomUUID().toString();
        store(conversationId, 5, false);

        assertThat(SeqKeys.addMissingKeys(mongo, COLLECTION)).isEqualTo(5);
        assertThat(SeqKeys.addMissingKeys(mongo, COLLECTION)).isZero();
        assertThat(SeqKeys.lastSeq(mongo, COLLECTION, conversationId)).isEqualTo(5);
    }

    @Test
    void createKeyIndex_keysOldDocumentsOnTheStartThatCreatesIt_andScansNoMoreAfterThat() {
        String collection = "keyed_once_" + UUID.randomUUID();
        String conversationId = UUID.randomUUID().toString();
        store(collection, conversationId, 3, false);

        assertThat(SeqKeys.createKeyIndex(mongo, collection)).isEqualTo(3);
        assertThat(mongo.indexOps(collection).getIndexInfo())
                .anyMatch(index -> index.getName().equals("key") && index.isUnique());
        assertThat(SeqKeys.lastSeq(mongo, collection, conversationId)).isEqualTo(3);

        store(collection, UUID.randomUUID().toString(), 1, false);
        assertThat(SeqKeys.createKeyIndex(mongo, collection)).isZero();
        assertThat(mongo.getCollection(collection).countDocuments(new Document(SeqKeys.FIELD,
                new Document("$exists", false)))).isEqualTo(1);
    }

    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    record Keyed(@Id String id, String conversationId, long seq, String key) {
    }

    private void store(String conversationId, long count, boolean keyed) {
        store(COLLECTION, conversationId, count, keyed);
    }

    private void store(String collection, String conversationId, long count, boolean keyed) {
        List<Document> documents = new ArrayList<>();
        for (long seq = 1; seq <= count; seq++) {
            Document document = new Document("_id", UUID.randomUUID().toString())
                    .append("conversationId", conversationId)
                    .append("seq", seq);
            if (keyed) {
                document.append(SeqKeys.FIELD, SeqKeys.key(conversationId, seq));
            }
            documents.add(document);
        }
        if (!documents.isEmpty()) {
            mongo.getCollection(collection).insertMany(documents);
        }
    }
}
