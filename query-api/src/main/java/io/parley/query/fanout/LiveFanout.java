package io.parley.query.fanout;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.kernel.amqp.BrokerConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence, typing and live changes between query-api instances. Every topic is a durable fanout exchange
 * ({@code <prefix>.presence}, {@code <prefix>.typing}, {@code <prefix>.changes}); every instance consumes them through
 * its own exclusive,
 * auto-delete, server-named queue, so each signal reaches every instance once, the sender's included. Signals are
 * fire-and-forget (no confirms): a lost typing signal or a late presence change is harmless, waiting is not.
 * <p>
 * Without a broker connection {@link #send} hands the signal to its local fallback instead, so one instance keeps
 * working alone; the counters {@code parley.live.fanout.published}, {@code .consumed} and {@code .local} (per topic)
 * show which way signals went.
 */
public class LiveFanout implements BrokerConnection.Listener {

    private static final Logger log = LoggerFactory.getLogger(LiveFanout.class);

    private final BrokerConnection broker;
    private final String prefix;
    private final String instanceId;
    private final Map<FanoutTopic, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> whenConnected = new CopyOnWriteArrayList<>();
    private final Map<FanoutTopic, Counter> published = new EnumMap<>(FanoutTopic.class);
    private final Map<FanoutTopic, Counter> consumed = new EnumMap<>(FanoutTopic.class);
    private final Map<FanoutTopic, Counter> local = new EnumMap<>(FanoutTopic.class);
    private final Object publishLock = new Object();
    private Channel publishChannel;
    private volatile Channel consumeChannel;
    private volatile Connection connection;

    /** {@code phase}: of the broker connection's lifecycle. */
    LiveFanout(LiveBrokerProperties properties, String instanceId, int phase, MeterRegistry meters) {
        this.broker = new BrokerConnection("parley-query-api", properties.settings(), this::declare, phase);
        this.prefix = properties.exchangePrefix();
        this.instanceId = instanceId;
        broker.addListener(this);
        for (FanoutTopic topic : FanoutTopic.values()) {
            published.put(topic, counter(meters, "published", topic, "Signals handed to RabbitMQ"));
            consumed.put(topic, counter(meters, "consumed", topic, "Signals received from RabbitMQ"));
            local.put(topic, counter(meters, "local", topic, "Signals delivered on this instance only (no broker)"));
        }
    }

    private static Counter counter(MeterRegistry meters, String name, FanoutTopic topic, String description) {
        return Counter.builder("parley.live.fanout." + name).tag("topic", topic.key()).description(description)
                .register(meters);
    }

    /** This instance's id, unique per process start: in every signal, and the owner of its sockets in presence. */
    public String instanceId() {
        return instanceId;
    }

    /** The connection, a lifecycle bean of its own. */
    BrokerConnection broker() {
        return broker;
    }

    public String exchange(FanoutTopic topic) {
        return prefix + "." + topic.key();
    }

    /** Whether signals currently reach the other instances. */
    public boolean connected() {
        return broker.isConnected();
    }

    /** Who handles a topic's signals arriving from the broker; one handler per topic, set before the broker starts. */
    public void onMessage(FanoutTopic topic, Consumer<byte[]> handler) {
        if (handlers.putIfAbsent(topic, handler) != null) {
            throw new IllegalStateException("The " + topic.key() + " signals already have a handler");
        }
    }

    /** Runs after every (re)connection to the broker, once this instance consumes again; set before it starts. */
    public void onConnected(Runnable action) {
        whenConnected.add(action);
    }

    /**
     * Publishes a signal to every instance (this one included, through its queue). Without a broker, or if the
     * publish fails, runs {@code locally} instead.
     */
    public void send(FanoutTopic topic, byte[] body, Runnable locally) {
        if (publish(topic, body)) {
            published.get(topic).increment();
        } else {
            local.get(topic).increment();
            locally.run();
        }
    }

    private boolean publish(FanoutTopic topic, byte[] body) {
        Connection current = connection;
        if (current == null || !current.isOpen()) {
            return false;
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(topic.persistent() ? 2 : 1)
                .appId("query-api")
                .build();
        synchronized (publishLock) {
            try {
                if (publishChannel == null || !publishChannel.isOpen()) {
                    publishChannel = current.createChannel();
                }
                publishChannel.basicPublish(exchange(topic), "", properties, body);
                return true;
            } catch (IOException | ShutdownSignalException e) {
                log.warn("Could not publish a {} signal to RabbitMQ ({}); delivering it on this instance only",
                        topic.key(), BrokerConnection.describe(e));
                publishChannel = null;
                return false;
            }
        }
    }

    /** The exchanges, declared on every connection. */
    void declare(Channel channel) throws IOException {
        for (FanoutTopic topic : FanoutTopic.values()) {
            channel.exchangeDeclare(exchange(topic), BuiltinExchangeType.FANOUT, true, false, Map.of());
        }
    }

    @Override
    public void connected(Connection opened) throws IOException {
        Channel channel = opened.createChannel();
        // Server-named, exclusive, auto-delete: gone with this instance; recovery declares a new one and rebinds it.
        String queue = channel.queueDeclare().getQueue();
        for (FanoutTopic topic : FanoutTopic.values()) {
            channel.queueBind(queue, exchange(topic), "");
        }
        channel.basicConsume(queue, true, "query-api-" + instanceId, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                receive(envelope.getExchange(), body);
            }
        });
        consumeChannel = channel;
        connection = opened;
        log.info("Instance {} consumes {}, {} and {}", instanceId, exchange(FanoutTopic.PRESENCE),
                exchange(FanoutTopic.TYPING), exchange(FanoutTopic.CHANGES));
        for (Runnable action : whenConnected) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("An action after connecting to RabbitMQ failed: {}", e.toString());
            }
        }
    }

    private void receive(String exchange, byte[] body) {
        for (FanoutTopic topic : FanoutTopic.values()) {
            if (exchange(topic).equals(exchange)) {
                consumed.get(topic).increment();
                Consumer<byte[]> handler = handlers.get(topic);
                try {
                    if (handler != null) {
                        handler.accept(body);
                    }
                } catch (RuntimeException e) {
                    // Thrown out of a consumer, it would close the channel and stop every later signal.
                    log.warn("A {} signal could not be handled: {}", topic.key(), e.toString());
                }
                return;
            }
        }
    }

    @Override
    public void stopping() {
        connection = null;
        synchronized (publishLock) {
            abort(publishChannel);
            publishChannel = null;
        }
        abort(consumeChannel);
        consumeChannel = null;
    }

    private static void abort(Channel channel) {
        if (channel != null) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException e) {
                // already closed
            }
        }
    }
}
