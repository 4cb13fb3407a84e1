package io.parley.kernel.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.ConnectionFactory;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * What Parley's integration tests run against, one per test JVM: a fresh database on the real PostgreSQL
 * that {@code ./parley test} provides, and a MongoDB wire-protocol server in this JVM.
 * <p>
 * PostgreSQL is found through {@code PARLEY_TEST_PG_HOST}, {@code _PORT}, {@code _USER} and {@code _PASSWORD}
 * (defaults 127.0.0.1, 5432, postgres, postgres); RabbitMQ through {@code PARLEY_TEST_RABBITMQ_HOST} and {@code _PORT}
 * (127.0.0.1, 5672). {@code PARLEY_TEST_NAMESPACE}, when set, is appended to every
 * database name, so that two checkouts can run their tests on one PostgreSQL at the same time.
 */
public final class TestInfrastructure {

    private static final Map<String, String> DATABASES = new ConcurrentHashMap<>();
    private static volatile MongoServer mongo;

    private TestInfrastructure() {
    }

    public static String postgresHost() {
        return env("PARLEY_TEST_PG_HOST", "127.0.0.1");
    }

    public static int postgresPort() {
        return Integer.parseInt(env("PARLEY_TEST_PG_PORT", "5432"));
    }

    public static String postgresUser() {
        return env("PARLEY_TEST_PG_USER", "postgres");
    }

    public static String postgresPassword() {
        return env("PARLEY_TEST_PG_PASSWORD", "postgres");
    }

    public static String rabbitHost() {
        return env("PARLEY_TEST_RABBITMQ_HOST", "127.0.0.1");
    }

    public static int rabbitPort() {
        return Integer.parseInt(env("PARLEY_TEST_RABBITMQ_PORT", "5672"));
    }

    /** The real RabbitMQ of the tests (guest/guest); tests keep apart by the names they declare. */
    public static String rabbitUri() {
        return "amqp://guest:guest@" + rabbitHost() + ":" + rabbitPort() + "/";
    }

    /** A connection of the test's own, to look at or clean up the broker from outside the service. */
    public static com.rabbitmq.client.Connection rabbitConnection(String name) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(rabbitHost());
        factory.setPort(rabbitPort());
        factory.setUsername("guest");
        factory.setPassword("guest");
        try {
            return factory.newConnection(name);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ for tests is not reachable at " + rabbitHost() + ":" + rabbitPort()
                    + " (run the tests with ./parley test, which starts it): " + e.getMessage(), e);
        }
    }

    /** A JDBC URL of a database that is created empty the first time this JVM asks for it. */
    public static String postgresUrl(String database) {
        return DATABASES.computeIfAbsent(database, TestInfrastructure::recreate);
    }

    /** A MongoDB connection string to the in-JVM wire-protocol server, for the given database. */
    public static String mongoUri(String database) {
        return "mongodb://" + mongoAddress() + "/" + database;
    }

    private static synchronized String mongoAddress() {
        if (mongo == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            mongo = server;
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-wire-server-stop"));
        }
        InetSocketAddress address = mongo.getLocalAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    private static String recreate(String name) {
        String namespace = env("PARLEY_TEST_NAMESPACE", "");
        String database = namespace.isEmpty() ? name : name + "_" + namespace;
        if (!database.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        String base = "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/";
        try (Connection connection = DriverManager.getConnection(base + "postgres", postgresUser(), postgresPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + base
                    + " (run the tests with ./parley test, which starts it): " + e.getMessage(), e);
        }
        return base + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
