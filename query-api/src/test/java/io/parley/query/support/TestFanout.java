package io.parley.query.support;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.parley.kernel.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live fanout exchanges of this test JVM on the real RabbitMQ: a prefix of its own, so test runs never see
 * each other's presence or typing, and the exchanges are deleted when the JVM ends (the instances' queues are
 * exclusive and go with their connections).
 */
public final class TestFanout {

    public static final String PREFIX = "parley.live.it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestFanout::deleteExchanges, "test-fanout-cleanup"));
    }

    private TestFanout() {
    }

    public static String prefix() {
        return PREFIX;
    }

    /** Starts listening to one of the exchanges, from outside the service, as notification-handler does. */
    public static Tap tap(String topic) {
        Connection connection = TestInfrastructure.rabbitConnection("parley-query-tests-tap");
        try {
            Channel channel = connection.createChannel();
            String exchange = PREFIX + "." + topic;
            channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, true, false, Map.of());
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "");
            Tap tap = new Tap(connection);
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                           byte[] body) {
                    tap.messages.add(new Received(properties, JSON.readTree(body)));
                }
            });
            return tap;
        } catch (IOException e) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing what failed
            }
            throw new IllegalStateException(e);
        }
    }

    /** A message as it arrived: its properties and JSON body. */
    public record Received(AMQP.BasicProperties properties, JsonNode body) {
    }

    /** Everything published to an exchange since the tap opened. */
    public static final class Tap implements AutoCloseable {

        private final Connection connection;
        private final List<Received> messages = new CopyOnWriteArrayList<>();

        private Tap(Connection connection) {
            this.connection = connection;
        }

        /** The bodies whose {@code field} is {@code value}, in arrival order. */
        public List<JsonNode> where(String field, String value) {
            return messages.stream().map(Received::body).filter(body -> value.equals(body.path(field).asString()))
                    .toList();
        }

        public List<Received> all() {
            return List.copyOf(messages);
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    private static void deleteExchanges() {
        try (Connection connection = TestInfrastructure.rabbitConnection("parley-query-tests");
             Channel channel = connection.createChannel()) {
            channel.exchangeDelete(PREFIX + ".presence");
            channel.exchangeDelete(PREFIX + ".typing");
        } catch (Exception e) {
            // best effort: a broker that is gone has nothing to clean
        }
    }
}
