package io.parley.query.message;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Per-conversation documents by a unique single-field key {@code conversationId:seq}. Seqs run 1, 2, 3, … without
 * gaps, so a range of seqs is a list of keys, read with one {@code $in}: the MongoDB wire server serves that from
 * its unique index, where it would scan the whole collection for a range over the compound
 * {@code (conversationId, seq)} index (which real MongoDB uses either way). The documents have a {@code conversationId}
 * and a {@code seq} field besides the key.
 */
public final class SeqKeys {

    public static final String FIELD = "key";
    private static final String INDEX = "key";
    private static final String CONVERSATION_ID = "conversationId";
    private static final String SEQ = "seq";
    private static final int PROBES = 64;

    private SeqKeys() {
    }

    public static String key(String conversationId, long seq) {
        return conversationId + ":" + seq;
    }

    /** The keys of seqs {@code from} to {@code to}, both included, lowest first. */
    public static List<String> keys(String conversationId, long from, long to) {
        List<String> keys = new ArrayList<>();
        for (long seq = Math.max(1, from); seq <= to; seq++) {
            keys.add(key(conversationId, seq));
        }
        return keys;
    }

    /** The documents of seqs {@code from} to {@code to} (both included) that exist, by seq. */
    public static <T> Map<Long, T> range(MongoTemplate mongo, Class<T> type, String conversationId, long from, long to,
                                         ToLongFunction<T> seqOf) {
        Map<Long, T> found = new TreeMap<>();
        if (to < Math.max(1, from)) {
            return found;
        }
        mongo.find(query(where(FIELD).in(keys(conversationId, from, to))), type)
                .forEach(document -> found.put(seqOf.applyAsLong(document), document));
        return found;
    }

    /**
     * The highest seq of the conversation in the collection, 0 when it has none: probes seqs 1, 2, 4, … to find the
     * power of two below it, then narrows the range between that and the next one {@value #PROBES} probes at a time
     * (four indexed look-ups for 100,000 messages).
     */
    public static long lastSeq(MongoTemplate mongo, String collection, String conversationId) {
        List<Long> powers = new ArrayList<>();
        for (long seq = 1; seq > 0 && seq <= (1L << 48); seq <<= 1) {
            powers.add(seq);
        }
        long low = highestPresent(mongo, collection, conversationId, powers, 0);
        if (low == 0) {
            return 0;
        }
        long high = low * 2;
        while (high - low > 1) {
            long step = Math.max(1, (high - low) / (PROBES + 1));
            List<Long> probes = new ArrayList<>();
            for (long seq = low + step; seq < high && probes.size() < PROBES + 1; seq += step) {
                probes.add(seq);
            }
            long found = highestPresent(mongo, collection, conversationId, probes, low);
            long next = high;
            for (long probe : probes) {
                if (probe > found) {
                    next = probe;
                    break;
                }
            }
            low = found;
            high = next;
        }
        return low;
    }

    /**
     * Creates the collection's unique index on the key, first giving the documents stored before the key existed
     * theirs. Once the index exists every writer has set the key, so the whole-collection scan for missing keys runs
     * only on the start that creates it, not on every start (seconds at a million documents). Returns how many
     * documents got a key.
     */
    public static long createKeyIndex(MongoTemplate mongo, String collection) {
        IndexOperations indexes = mongo.indexOps(collection);
        if (indexes.getIndexInfo().stream().anyMatch(index -> INDEX.equals(index.getName()))) {
            return 0;
        }
        long keyed = addMissingKeys(mongo, collection);
        indexes.createIndex(new Index().on(FIELD, Sort.Direction.ASC).unique().named(INDEX));
        return keyed;
    }

    static long addMissingKeys(MongoTemplate mongo, String collection) {
        Query missing = query(where(FIELD).exists(false));
        missing.fields().include(CONVERSATION_ID).include(SEQ);
        long keyed = 0;
        try (var documents = mongo.stream(missing, Document.class, collection)) {
            for (Document document : (Iterable<Document>) documents::iterator) {
                String key = key(document.getString(CONVERSATION_ID), ((Number) document.get(SEQ)).longValue());
                mongo.updateFirst(query(where("_id").is(document.get("_id"))), Update.update(FIELD, key), collection);
                keyed++;
            }
        }
        return keyed;
    }

    private static long highestPresent(MongoTemplate mongo, String collection, String conversationId, List<Long> seqs,
                                       long otherwise) {
        Query probe = query(where(FIELD).in(seqs.stream().map(seq -> key(conversationId, seq)).toList()));
        probe.fields().include(SEQ);
        long highest = otherwise;
        for (Document document : mongo.find(probe, Document.class, collection)) {
            highest = Math.max(highest, ((Number) document.get(SEQ)).longValue());
        }
        return highest;
    }
}
