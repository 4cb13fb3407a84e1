package io.parley.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL binaries (from Maven Central) run from {@code <data>/postgres}, durable (fsync and synchronous
 * commit on, unlike the library's test defaults) and reachable on loopback only. Data survives restarts.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static EmbeddedPostgresServer start(Path dataDir, int port, String database) throws IOException, SQLException {
        Path data = dataDir.resolve("postgres");
        Path binaries = dataDir.resolve("runtime/postgres-binaries");
        Path socketDir = dataDir.resolve("runtime/postgres-socket");
        Files.createDirectories(binaries);
        Files.createDirectories(socketDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", socketDir.toString())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        createDatabaseIfMissing(postgres, database);
        log.info("Embedded PostgreSQL on 127.0.0.1:{} (data in {})", port, data);
        return new EmbeddedPostgresServer(postgres, port);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery(
                     "select 1 from pg_database where datname = '" + database + "'")) {
            if (!exists.next()) {
                statement.execute("create database " + database);
            }
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
