package io.parley.localstack;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 database with its unique indexes keyed by {@link IndexKeyType}. An index map written by the
 * plain H2 backend (ordered by serialised bytes) is copied once into a map of its own under a new name, since a map's
 * order cannot change in place.
 */
final class NativeKeyH2Database extends H2Database {

    private static final Logger log = LoggerFactory.getLogger(NativeKeyH2Database.class);
    private static final String SUFFIX = ".native";
    // H2Database opens its indexes from its constructor, before a field of this class is set.
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    private NativeKeyH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
    }

    static NativeKeyH2Database open(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        OPENING.set(store);
        try {
            return new NativeKeyH2Database(databaseName, store, cursorRegistry);
        } finally {
            OPENING.remove();
        }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                   boolean sparse) {
        MVStore mvStore = store != null ? store : OPENING.get();
        String plainName = plainMapName(collectionName, indexName);
        MVMap<KeyValue, Object> map = mvStore.openMap(plainName + SUFFIX,
                new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
        if (map.isEmpty() && mvStore.hasMap(plainName)) {
            MVMap<KeyValue, Object> plain = mvStore.openMap(plainName);
            map.putAll(plain);
            mvStore.removeMap(plain);
            log.info("Index {} of {} moved to native key order ({} keys)", indexName, collectionName, map.size());
        }
        return new NativeKeyIndex(map, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String name = plainMapName(collection.getCollectionName(), indexName) + SUFFIX;
        if (store.hasMap(name)) {
            store.removeMap(name);
        }
    }

    /** The name H2Database gives an index's map. */
    private String plainMapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
    }
}
