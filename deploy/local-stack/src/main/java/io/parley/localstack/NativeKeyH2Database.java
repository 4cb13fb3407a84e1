package io.parley.localstack;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
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
 * mongo-java-server's H2 database with its documents and unique indexes stored as {@link WireDataType}, and non-unique
 * indexes that it does not have ({@link NativeKeySecondaryIndex}). An index map
 * written by the plain H2 backend (ordered by serialised bytes) is copied once into a map of its own under a new
 * name, since a map's order cannot change in place; a collection's documents stay in their map, whose entries the
 * type reads in either form.
 */
final class NativeKeyH2Database extends H2Database {

    private static final Logger log = LoggerFactory.getLogger(NativeKeyH2Database.class);
    private static final String SUFFIX = ".native";
    private static final String SECONDARY_SUFFIX = ".secondary";
    // H2Database's name for a collection's documents map (its constant is package-private).
    private static final String DOCUMENTS_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";
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

    /**
     * Opens the collection's documents map with {@link WireDataType} before H2Database does: the store hands the open
     * map to every later opening by name (H2Database's own, and its rename and drop of the collection).
     */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        mvStore().openMap(DOCUMENTS_PREFIX + getFullCollectionNamespace(collectionName),
                new MVMap.Builder<Object, Object>().keyType(new WireDataType()).valueType(new WireDataType()));
        return super.openOrCreateCollection(collectionName, options);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                   boolean sparse) {
        MVStore mvStore = mvStore();
        String plainName = plainMapName(collectionName, indexName);
        MVMap<KeyValue, Object> map = mvStore.openMap(plainName + SUFFIX,
                new MVMap.Builder<KeyValue, Object>().keyType(new WireDataType()));
        if (map.isEmpty() && mvStore.hasMap(plainName)) {
            MVMap<KeyValue, Object> plain = mvStore.openMap(plainName);
            map.putAll(plain);
            mvStore.removeMap(plain);
            log.info("Index {} of {} moved to native key order ({} keys)", indexName, collectionName, map.size());
        }
        return new NativeKeyIndex(map, indexName, keys, sparse);
    }

    /**
     * A non-unique index with a plain first key (not a path into subdocuments) is a {@link NativeKeySecondaryIndex};
     * any other is accepted and kept empty, as mongo-java-server does with all of them.
     */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                      boolean sparse) {
        if (keys.getFirst().getKey().contains(".")) {
            return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
        MVMap<KeyValue, Object> map = mvStore().openMap(plainMapName(collectionName, indexName) + SECONDARY_SUFFIX,
                new MVMap.Builder<KeyValue, Object>().keyType(new WireDataType()));
        return new NativeKeySecondaryIndex(map, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String name = plainMapName(collection.getCollectionName(), indexName);
        for (String map : List.of(name + SUFFIX, name + SECONDARY_SUFFIX)) {
            if (store.hasMap(map)) {
                store.removeMap(map);
            }
        }
    }

    /**
     * Renames the collection's maps. H2Database (mongo-java-server 1.47) reads the collection's name after renaming
     * it, so it renames the maps of the new name onto themselves: the documents and indexes stayed under the old
     * name, and after a restart a renamed collection (every projection rebuild's switch) was empty.
     */
    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldName = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String newName = getFullCollectionNamespace(newCollectionName);
        moveMap(DOCUMENTS_PREFIX + oldName, DOCUMENTS_PREFIX + newName);
        moveMap(META_PREFIX + oldName, META_PREFIX + newName);
        for (String map : List.copyOf(store.getMapNames())) {
            if (map.startsWith(oldName + INDEX_INFIX)) {
                moveMap(map, newName + map.substring(oldName.length()));
            }
        }
    }

    private void moveMap(String from, String to) {
        if (from.equals(to) || !store.hasMap(from)) {
            return;
        }
        if (store.hasMap(to)) {
            // The empty map H2Database opened under the new name (or what a dropped target left).
            store.removeMap(store.openMap(to));
        }
        store.renameMap(store.openMap(from), to);
    }

    private MVStore mvStore() {
        return store != null ? store : OPENING.get();
    }

    /** The name H2Database gives an index's map. */
    private String plainMapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName;
    }
}
