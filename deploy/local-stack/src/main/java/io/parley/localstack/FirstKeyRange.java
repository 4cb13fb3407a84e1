package io.parley.localstack;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * Finds the documents whose index key starts with a string, in an index map ordered by {@link WireDataType} (element
 * by element, so the keys that start with one value lie together). Parley's look-ups by a conversation or a user are
 * such queries: an id, or an {@code $in} of ids, for the index's first key, and anything for the rest.
 */
final class FirstKeyRange {

    private FirstKeyRange() {
    }

    /** The strings a query asks the key to equal (a plain string, or an {@code $in} of strings only), or null. */
    static List<String> queried(Document query, String key) {
        Object value = query.get(key);
        if (value instanceof String string) {
            return List.of(string);
        }
        if (value instanceof Document operators && operators.size() == 1
                && operators.get("$in") instanceof Collection<?> in && !in.isEmpty()
                && in.stream().allMatch(String.class::isInstance)) {
            return in.stream().map(String.class::cast).toList();
        }
        return null;
    }

    /** The positions under every key of the map that starts with one of the values. */
    static Set<Object> positions(MVMap<KeyValue, Object> map, List<String> values) {
        Set<Object> positions = new LinkedHashSet<>();
        for (String value : values) {
            Cursor<KeyValue, Object> cursor = map.cursor(new KeyValue(value));
            while (cursor.hasNext() && value.equals(cursor.next().get(0))) {
                positions.add(cursor.getValue());
            }
        }
        return positions;
    }
}
