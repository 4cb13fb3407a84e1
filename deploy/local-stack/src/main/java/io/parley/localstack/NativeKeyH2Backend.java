package io.parley.localstack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend whose databases store documents and unique indexes as {@link WireDataType}
 * ({@link NativeKeyH2Database}), with a page cache of {@value #CACHE_MB} MB instead of H2's 16: a fanout run's
 * profile spent a fifth of the wire server's CPU reading back pages the smaller cache had dropped.
 * <p>
 * H2 compacts the file only when it closes, for at most {@value #COMPACT_ON_CLOSE_MS} ms, never in the background
 * while it serves: H2's background compaction frees chunks that a long cursor (a whole-collection scan) still reads,
 * which then fails with "Chunk N not found" (h2database#4383, open in 2.4.240). After a rebuild of a collection of
 * a million messages, query-api's start scanned a large collection while H2 compacted the rebuilt file, and failed
 * three times in a row; with compaction off it started at once on the same file. When this closes, the server
 * serves no one, so no cursor is open.
 */
final class NativeKeyH2Backend extends H2Backend {

    static final int CACHE_MB = 64;
    static final int COMPACT_ON_CLOSE_MS = 10_000;

    NativeKeyH2Backend(String fileName) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(CACHE_MB).autoCompactFillRate(0).open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return NativeKeyH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public void close() {
        MVStore store = getMvStore();
        if (!store.isClosed() && !store.isReadOnly()) {
            store.compactFile(COMPACT_ON_CLOSE_MS);
        }
        super.close();
    }
}
