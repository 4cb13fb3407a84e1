package io.parley.notification.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.parley.kernel.testing.CuttableProxy;
import io.parley.kernel.testing.TestInfrastructure;

/**
 * The real RabbitMQ the tests run against ({@code PARLEY_TEST_RABBITMQ_HOST}/{@code _PORT}, guest/guest, as
 * {@code ./parley test} provides it). Every test JVM uses its own exchange and queue prefix, and deletes them when it
 * ends, so runs never see each other's jobs. The service under test reaches it through a {@link CuttableProxy}.
 */
public final class TestBroker {

    public static final String PREFIX = "parley.notifications.it-" + UUID.randomUUID().toString().substring(0, 8);
    /** The prefix of the live exchanges query-api would publish presence to. */
    public static final String LIVE_PREFIX = "parley.live.it-" + PREFIX.substring(PREFIX.lastIndexOf('-') + 1);
    public static final String PRESENCE_EXCHANGE = LIVE_PREFIX + ".presence";
    /** Short retry delays for tests (milliseconds); the production default is 5s,30s,2m. */
    public static final List<Long> RETRY_DELAYS = List.of(300L, 600L);
    private static CuttableProxy proxy;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestBroker::deleteTopology, "test-broker-cleanup"));
    }

    private TestBroker() {
    }

    /** The retry delays as {@code parley.notifications.retry-delays} takes them. */
    public static String retryDelays() {
        return String.join(",", RETRY_DELAYS.stream().map(delay -> delay + "ms").toList());
    }

    public static String uri() {
        return TestInfrastructure.rabbitUri();
    }

    /** The broker through a proxy the tests can cut: what the service under test connects to. */
    public static synchronized CuttableProxy proxy() {
        if (proxy == null) {
            try {
                proxy = new CuttableProxy(TestInfrastructure.rabbitHost(), TestInfrastructure.rabbitPort());
            } catch (IOException e) {
                throw new IllegalStateException("could not start the proxy in front of RabbitMQ", e);
            }
        }
        return proxy;
    }

    /** {@link #uri()} through {@link #proxy()}. */
    public static String proxiedUri() {
        return "amqp://guest:guest@127.0.0.1:" + proxy().port() + "/";
    }

    /** A connection of the test's own, to look at queues from outside the service. */
    public static Connection connect() {
        return TestInfrastructure.rabbitConnection("parley-notification-tests");
    }

    /** Publishes a presence change as query-api does (persistent JSON on the presence fanout exchange). */
    public static void publishPresence(String userId, boolean online, Instant changedAt) {
        String body = "{\"userId\":\"" + userId + "\",\"online\":" + online + ",\"lastSeenAt\":"
                + (online ? "null" : "\"" + changedAt + "\"") + ",\"changedAt\":\"" + changedAt
                + "\",\"instanceId\":\"query-api-test\"}";
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.basicPublish(PRESENCE_EXCHANGE, "", new AMQP.BasicProperties.Builder()
                    .contentType("application/json").deliveryMode(2).build(), body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
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
            delete(connection, PREFIX + ".presence");
            try (Channel channel = connection.createChannel()) {
                channel.exchangeDelete(PREFIX);
                channel.exchangeDelete(PRESENCE_EXCHANGE);
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
}
