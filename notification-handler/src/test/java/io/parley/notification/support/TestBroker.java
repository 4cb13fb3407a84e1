package io.parley.notification.support;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The real RabbitMQ the tests run against ({@code PARLEY_TEST_RABBITMQ_HOST}/{@code _PORT}, guest/guest, as
 * {@code ./parley test} provides it). Every test JVM uses its own exchange and queue prefix, and deletes them when it
 * ends, so runs never see each other's jobs.
 */
public final class TestBroker {

    public static final String PREFIX = "parley.notifications.it-" + UUID.randomUUID().toString().substring(0, 8);
    /** Short retry delays for tests (milliseconds); the production default is 5s,30s,2m. */
    public static final List<Long> RETRY_DELAYS = List.of(300L, 600L);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestBroker::deleteTopology, "test-broker-cleanup"));
    }

    private TestBroker() {
    }

    public static String host() {
        return env("PARLEY_TEST_RABBITMQ_HOST", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(env("PARLEY_TEST_RABBITMQ_PORT", "5672"));
    }

    /** The retry delays as {@code parley.notifications.retry-delays} takes them. */
    public static String retryDelays() {
        return String.join(",", RETRY_DELAYS.stream().map(delay -> delay + "ms").toList());
    }

    public static String uri() {
        return "amqp://guest:guest@" + host() + ":" + port() + "/";
    }

    /** A connection of the test's own, to look at queues from outside the service. */
    public static Connection connect() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host());
        factory.setPort(port());
        factory.setUsername("guest");
        factory.setPassword("guest");
        try {
            return factory.newConnection("parley-notification-tests");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ for tests is not reachable at " + host() + ":" + port()
                    + " (run the tests with ./parley test, which starts it): " + e.getMessage(), e);
        }
    }

    private static void deleteTopology() {
        try (Connection connection = connect()) {
            for (String channelKey : List.of("email", "push")) {
                delete(connection, PREFIX + "." + channelKey);
                for (long delay : RETRY_DELAYS) {
                    delete(connection, PREFIX + "." + channelKey + ".retry-" + delay + "ms");
                }
            }
            delete(connection, PREFIX + ".dead");
            try (Channel channel = connection.createChannel()) {
                channel.exchangeDelete(PREFIX);
            }
        } catch (Exception e) {
            // best effort: a broker that is gone has nothing to clean
        }
    }

    private static void delete(Connection connection, String queue) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
