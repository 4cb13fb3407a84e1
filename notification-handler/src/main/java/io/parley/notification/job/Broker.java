package io.parley.notification.job;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The one connection to RabbitMQ. An unreachable broker does not stop the service from starting: the first
 * connection is retried in the background with back-off (health shows it), and once connected the client's
 * automatic recovery re-opens the connection, its channels, the declared topology and the consumers after a
 * network failure. Publishing goes through one channel in confirm mode, one message at a time, and returns only
 * once the broker has confirmed it (persisted, for our durable queues) and routed it to a queue.
 */
final class Broker implements SmartLifecycle {

    /** Before Axon's processors (which publish) and the workers start; stopped after them. */
    static final int PHASE = -1_000;
    private static final Logger log = LoggerFactory.getLogger(Broker.class);
    private static final String CONNECTION_NAME = "parley-notification-handler";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration NETWORK_RECOVERY_INTERVAL = Duration.ofSeconds(5);

    /** Told when the connection is first established, and before it is closed for good. */
    interface Listener {

        void connected(Connection connection) throws IOException;

        void stopping();
    }

    private final NotificationProperties.BrokerSettings settings;
    private final Topology topology;
    private final ConnectionFactory factory;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object publishLock = new Object();
    private ScheduledExecutorService connector;
    private Duration nextRetry = FIRST_RETRY;
    private volatile Connection connection;
    private volatile String lastFailure = "not connected yet";
    private volatile boolean running;
    private volatile boolean returned;
    private Channel publishChannel;

    Broker(NotificationProperties.BrokerSettings settings, Topology topology) {
        this.settings = settings;
        this.topology = topology;
        this.factory = new ConnectionFactory();
        try {
            factory.setUri(settings.uri());
            // The AMQP URI spec reads "amqp://host/" as the empty virtual host; everyone means the default one.
            if ("/".equals(settings.uri().getRawPath())) {
                factory.setVirtualHost("/");
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("parley.notifications.broker.uri is not usable: " + e.getClass().getSimpleName(), e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(NETWORK_RECOVERY_INTERVAL.toMillis());
        factory.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        factory.setHandshakeTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        factory.setRequestedHeartbeat(30);
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    String where() {
        return settings.where();
    }

    boolean required() {
        return settings.required();
    }

    boolean isConnected() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    /** Why the broker is not connected, for health and errors (no credentials in it). */
    String lastFailure() {
        return lastFailure;
    }

    @Override
    public void start() {
        running = true;
        connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rabbitmq-connect");
            thread.setDaemon(true);
            return thread;
        });
        // The first attempt runs now, so a reachable broker is ready before the processors publish.
        connect();
    }

    private synchronized void connect() {
        if (!running || connection != null) {
            return;
        }
        Connection opened = null;
        try {
            opened = factory.newConnection(CONNECTION_NAME);
            // Declared on a channel that stays open: automatic recovery re-declares what was recorded through it.
            Channel declaring = opened.createChannel();
            topology.declare(declaring);
            connection = opened;
            for (Listener listener : listeners) {
                listener.connected(opened);
            }
            opened.addShutdownListener(cause -> {
                if (!cause.isInitiatedByApplication()) {
                    lastFailure = "connection lost: " + cause.getReason();
                    log.warn("Lost the connection to RabbitMQ at {}; recovering", settings.where());
                }
            });
            if (opened instanceof Recoverable recoverable) {
                recoverable.addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable recovered) {
                        lastFailure = null;
                        log.info("Recovered the connection to RabbitMQ at {}", settings.where());
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable recovering) {
                        // the shutdown listener has said why
                    }
                });
            }
            nextRetry = FIRST_RETRY;
            lastFailure = null;
            log.info("Connected to RabbitMQ at {}; exchange {} and its queues declared", settings.where(), topology.exchange());
        } catch (Exception e) {
            connection = null;
            closeQuietly(opened);
            lastFailure = describe(e);
            if (running) {
                log.warn("RabbitMQ is not reachable at {} ({}); trying again in {}s", settings.where(), lastFailure,
                        nextRetry.toSeconds());
                connector.schedule(this::connect, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
                Duration doubled = nextRetry.multipliedBy(2);
                nextRetry = doubled.compareTo(settings.reconnectMaxDelay()) > 0 ? settings.reconnectMaxDelay() : doubled;
            }
        }
    }

    /**
     * Publishes one persistent message and waits for the broker's confirm. Throws
     * {@link BrokerUnavailableException} if there is no connection, the broker nacks, the confirm does not come in
     * time, or no queue is bound for the routing key.
     */
    void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        synchronized (publishLock) {
            Connection current = connection;
            if (current == null || !current.isOpen()) {
                throw new BrokerUnavailableException("RabbitMQ at " + settings.where() + " is not connected ("
                        + lastFailure + ")");
            }
            try {
                Channel channel = publishChannel(current);
                returned = false;
                channel.basicPublish(exchange, routingKey, true, properties, body);
                channel.waitForConfirmsOrDie(settings.confirmTimeout().toMillis());
                // basic.return comes before the confirm on the same connection thread, so it has been seen by now.
                if (returned) {
                    throw new BrokerUnavailableException("no queue is bound for routing key " + routingKey
                            + " on exchange '" + exchange + "'");
                }
            } catch (IOException | TimeoutException | ShutdownSignalException e) {
                discardPublishChannel();
                throw new BrokerUnavailableException("RabbitMQ did not confirm a message for " + routingKey + " ("
                        + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                discardPublishChannel();
                Thread.currentThread().interrupt();
                throw new BrokerUnavailableException("interrupted while waiting for a confirm for " + routingKey, e);
            }
        }
    }

    private Channel publishChannel(Connection current) throws IOException {
        if (publishChannel == null || !publishChannel.isOpen()) {
            Channel channel = current.createChannel();
            if (channel == null) {
                throw new IOException("no channel available");
            }
            channel.confirmSelect();
            channel.addReturnListener(message -> returned = true);
            publishChannel = channel;
        }
        return publishChannel;
    }

    private void discardPublishChannel() {
        Channel channel = publishChannel;
        publishChannel = null;
        if (channel != null) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (connector != null) {
            connector.shutdownNow();
        }
        for (Listener listener : listeners) {
            try {
                listener.stopping();
            } catch (RuntimeException e) {
                log.warn("A RabbitMQ listener did not stop cleanly: {}", e.toString());
            }
        }
        synchronized (publishLock) {
            discardPublishChannel();
        }
        Connection current = connection;
        connection = null;
        closeQuietly(current);
    }

    /** The exception and its causes, e.g. a channel error's reply text (PRECONDITION_FAILED - ...). */
    private static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable cause = failure; cause != null && out.length() < 500; cause = cause.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                out.append(": ").append(cause.getMessage());
            }
        }
        return out.toString();
    }

    private static void closeQuietly(Connection opened) {
        if (opened != null) {
            try {
                opened.close(5_000);
            } catch (IOException | RuntimeException e) {
                opened.abort(1_000);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
