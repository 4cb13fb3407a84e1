package io.parley.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server) persisting to an H2 file under the data directory, with its unique
 * indexes ordered natively and the non-unique indexes its own H2 backend lacks ({@link NativeKeyH2Backend}). The
 * fault suite runs this one too: mongo-java-server's memory backend scans a whole collection for any query that is not
 * exactly a unique index's keys, which a long run's growing collections turn into the run's bottleneck.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final int port;

    private EmbeddedMongoServer(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedMongoServer start(Path dataDir, int port) throws java.io.IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("mongo.mv");
        MongoServer server = new MongoServer(new NativeKeyH2Backend(file.toString()));
        server.bind("127.0.0.1", port);
        log.info("Embedded MongoDB wire server on 127.0.0.1:{} (data in {})", port, file);
        return new EmbeddedMongoServer(server, port);
    }

    String uri(String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        // shutdown() waits for open connections and lets the H2 backend close its file cleanly.
        server.shutdown();
    }
}
