package io.parley.localstack;

import java.util.List;
import java.util.Map.Entry;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A unique index in an H2 map keyed by {@link WireDataType}; as mongo-java-server's H2UniqueIndex otherwise, but for
 * more kinds of query. mongo-java-server answers from a unique index only a query that names exactly the index's keys,
 * each with a plain value: a conversation's messages after a seq (a history page, a resume with {@code since-seq})
 * were found by reading every message of every conversation, and an update by {@code _id} with a guard on another
 * field ({@code _id} and {@code sequence < n}, a job's {@code _id} and its claim token) read the whole collection.
 * This index also answers a query whose value for its first key is a string (or an {@code $in} of strings), whatever
 * else it asks, from the range of the map's keys that start with it (the map orders keys element by element; for a
 * one-key index, the keys equal to it); the collection then matches those documents against the whole query, as it
 * does for every index.
 */
final class NativeKeyIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;

    NativeKeyIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return super.canHandle(query) || firstKeyStrings(query) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        return super.canHandle(query) ? super.getPositions(query) : FirstKeyRange.positions(map, firstKeyStrings(query));
    }

    /** The strings the query asks the first key to equal, or null. */
    private List<String> firstKeyStrings(Document query) {
        return FirstKeyRange.queried(query, getKeys().getFirst().getKey());
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return map.get(keyValue);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
