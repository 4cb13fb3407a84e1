package io.parley.localstack;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index, which mongo-java-server 1.47 does not have (it accepts one and keeps nothing, so every look-up of
 * a conversation's members or inbox entries read the whole collection). This one keeps, for each string its first key
 * holds in a document (each element of an array), a key {@code (value, _id)} in an H2 map ordered by
 * {@link WireDataType}, and answers queries that ask the first key for a string or an {@code $in} of strings; the
 * collection matches the documents found against the whole query, as for every index. A document changes the map only
 * when its first key's strings change, so the common updates (counters, timestamps) cost nothing here.
 */
final class NativeKeySecondaryIndex extends Index<Object> {

    private static final String ID = "_id";

    private final MVMap<KeyValue, Object> map;
    private final String firstKey;

    NativeKeySecondaryIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        this.firstKey = keys.getFirst().getKey();
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return FirstKeyRange.queried(query, firstKey) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        return FirstKeyRange.positions(map, FirstKeyRange.queried(query, firstKey));
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        Object id = document.get(ID);
        for (String value : strings(document)) {
            map.put(new KeyValue(value, id), Missing.ofNullable(position));
        }
    }

    /** The document's position (the collection asks every index to remove it and expects the same answer). */
    @Override
    public synchronized Object remove(Document document) {
        Object id = document.get(ID);
        Object position = null;
        for (String value : strings(document)) {
            Object removed = map.remove(new KeyValue(value, id));
            position = removed != null ? removed : position;
        }
        return position != null ? position : id == null ? null : Missing.ofNullable(id);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                           MongoCollection<Object> collection) {
        if (!strings(oldDocument).equals(strings(newDocument))
                || !Objects.equals(oldDocument.get(ID), newDocument.get(ID))) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    /** The strings the first key holds: its value, or the elements of its array. */
    private Set<String> strings(Document document) {
        Object value = document.get(firstKey);
        Set<String> strings = new LinkedHashSet<>();
        if (value instanceof String string) {
            strings.add(string);
        } else if (value instanceof Collection<?> elements) {
            elements.stream().filter(String.class::isInstance).map(String.class::cast).forEach(strings::add);
        }
        return strings;
    }

    // Not unique: there is no single position for a document's key, nothing to refuse.
    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
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

    @Override
    public synchronized void drop() {
        map.clear();
    }
}
