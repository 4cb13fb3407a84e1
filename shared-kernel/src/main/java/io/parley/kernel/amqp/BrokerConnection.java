package io.parley.kernel.amqp;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A service's one connection to RabbitMQ. An unreachable broker does not stop the service from starting: the first
 * connection is retried in the background with back-off (health shows it), and once connected the client's
 * automatic recovery re-opens the connection, its channels, the declared topology (server-named queues included)
 * and the consumers after a network failure.
 */
public class BrokerConnection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** Told when the connection is first established, and before it is closed for good. */
    public interface Listener {

        void connected(Connection connection) throws IOException;

        void stopping();
    }

    /** Declares exchanges and queues; called once per connection, on a channel that stays open. */
    @FunctionalInterface
    public interface Declarations {

        void declare(Channel channel) throws IOException;
    }

    private final String name;
    private final BrokerSettings settings;
    private final Declarations topology;
    private final int phase;
    private final ConnectionFactory factory;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService connector;
    private Duration nextRetry = FIRST_RETRY;
    private volatile Connection connection;
    /** Notified whenever a connection is made or recovered. */
    private final Object connected = new Object();
    private volatile String lastFailure = "not connected yet";
    private volatile boolean running;

    /**
     * @param name     the connection name the broker shows
     * @param topology what to declare on every (re)connection
     * @param phase    the lifecycle phase: before the components that publish start, after they stop
     */
    public BrokerConnection(String name, BrokerSettings settings, Declarations topology, int phase) {
        this.name = name;
        this.settings = settings;
        this.topology = topology;
        this.phase = phase;
        this.factory = new ConnectionFactory();
        try {
            factory.setUri(settings.uri());
            // The AMQP URI spec reads "amqp://host/" as the empty virtual host; everyone means the default one.
            if ("/".equals(settings.uri().getRawPath())) {
                factory.setVirtualHost("/");
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("The broker uri is not usable: " + e.getClass().getSimpleName(), e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(settings.recoveryInterval().toMillis());
        factory.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        factory.setHandshakeTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        factory.setRequestedHeartbeat(30);
        factory.setExceptionHandler(new RecoveryLogging());
    }

    /** One line per failed recovery attempt while the broker is away, instead of the client's stack trace. */
    private final class RecoveryLogging extends ForgivingExceptionHandler {

        @Override
        public void handleConnectionRecoveryException(Connection failed, Throwable exception) {
            lastFailure = "recovering: " + describe(exception);
            log.warn("RabbitMQ at {} is still unreachable ({}); trying again in {} ms", settings.where(),
                    exception.getClass().getSimpleName(), settings.recoveryInterval().toMillis());
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public String where() {
        return settings.where();
    }

    public boolean required() {
        return settings.required();
    }

    public boolean isConnected() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    /** The open connection, or null. */
    protected Connection openConnection() {
        Connection current = connection;
        return current != null && current.isOpen() ? current : null;
    }

    /**
     * The open connection, waiting up to {@code patience} for it while there is none (the broker is away and the
     * connection is being made or recovered); null if there is none by then.
     */
    protected Connection awaitOpenConnection(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (connected) {
            Connection current;
            while ((current = openConnection()) == null && running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                // Also looked at each second: a connection that turns open without a signal is not missed for long.
                TimeUnit.NANOSECONDS.timedWait(connected, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            return current;
        }
    }

    private void signalConnected() {
        synchronized (connected) {
            connected.notifyAll();
        }
    }

    /** Why the broker is not connected, for health and errors (no credentials in it). */
    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public void start() {
        running = true;
        connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-connect");
            thread.setDaemon(true);
            return thread;
        });
        // The first attempt runs now, so a reachable broker is ready before anything publishes.
        connect();
    }

    private synchronized void connect() {
        if (!running || connection != null) {
            return;
        }
        Connection opened = null;
        try {
            opened = factory.newConnection(name);
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
                        signalConnected();
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable recovering) {
                        // the shutdown listener has said why
                    }
                });
            }
            nextRetry = FIRST_RETRY;
            lastFailure = null;
            log.info("Connected to RabbitMQ at {} as {}; topology declared", settings.where(), name);
            signalConnected();
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
        beforeClose();
        Connection current = connection;
        connection = null;
        closeQuietly(current);
    }

    /** Runs after the listeners stopped, before the connection closes: channels of a subclass. */
    protected void beforeClose() {
    }

    /** The exception and its causes, e.g. a channel error's reply text (PRECONDITION_FAILED - ...). */
    public static String describe(Throwable failure) {
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
        return phase;
    }
}
