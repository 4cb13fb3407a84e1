package io.parley.localstack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** mongo-java-server's H2 backend whose databases key their unique indexes natively ({@link NativeKeyH2Database}). */
final class NativeKeyH2Backend extends H2Backend {

    NativeKeyH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return NativeKeyH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }
}
