package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoresTest {

    @TempDir
    Path dataDir;

    @Test
    void embeddedPostgres_isDurable_andKeepsItsDataAcrossRestarts() throws Exception {
        int port = freePort();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, port, "parley");
             Connection connection = connect(postgres);
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "listen_addresses")).isEqualTo("127.0.0.1");
            statement.execute("create table kept (id int primary key)");
            statement.execute("insert into kept values (42)");
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, port, "parley");
             Connection connection = connect(postgres);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select id from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void embeddedMongo_keepsItsDataAcrossRestarts() throws Exception {
        int port = freePort();
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.uri("parley"))) {
            client.getDatabase("parley").getCollection("kept").insertOne(new Document("_id", "a").append("n", 1));
        }
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port);
             MongoClient client = MongoClients.create(mongo.uri("parley"))) {
            Document kept = client.getDatabase("parley").getCollection("kept").find(new Document("_id", "a")).first();
            assertThat(kept).isNotNull();
            assertThat(kept.getInteger("n")).isEqualTo(1);
        }
    }

    private static Connection connect(EmbeddedPostgresServer postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("parley"), "postgres", "postgres");
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet row = statement.executeQuery("show " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
