package io.parley.localstack;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AMQP 0-9-1 broker in this JVM (Apache Qpid Broker-J) for {@code ./parley up} when no RabbitMQ is configured:
 * loopback only, guest/guest, one virtual host whose messages persist in a Berkeley DB JE store under
 * {@code <data>/amqp}, so jobs waiting in a queue survive a restart. (Qpid's Derby store, which data directories made
 * before 2026-12-07 keep, cost over half the local stack's CPU in the push benchmark: docs/benchmarks.md.)
 * <p>
 * Queue declare arguments Qpid does not know (RabbitMQ's {@code x-dead-letter-*}, {@code x-message-ttl}) are
 * ignored instead of closing the channel; clients that need dead-lettering or delays on it use Qpid's own
 * arguments ({@code alternateExchange}, {@code expiryPolicy}, message TTL: see README "Embedded broker").
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpBroker.class);
    private static final String USER = "guest";
    private static final String PASSWORD = "guest";

    private final SystemLauncher launcher;
    private final int port;

    private EmbeddedAmqpBroker(SystemLauncher launcher, int port) {
        this.launcher = launcher;
        this.port = port;
    }

    public static EmbeddedAmqpBroker start(Path dataDir, int port) throws Exception {
        Path work = dataDir.resolve("amqp").toAbsolutePath();
        Files.createDirectories(work);
        URL initialConfig = EmbeddedAmqpBroker.class.getResource("qpid-initial-config.json");
        if (initialConfig == null) {
            throw new IOException("qpid-initial-config.json is missing from the classpath");
        }
        // Derby (the message store of older data directories) writes its log to the working directory otherwise.
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("qpid.work_dir", work.toString());
        context.put("qpid.amqp_port", Integer.toString(port));
        context.put("parley.amqp.user", USER);
        context.put("parley.amqp.password", PASSWORD);
        // RabbitMQ's arguments (x-dead-letter-exchange, x-message-ttl) would close the channel otherwise.
        context.put("queue.behaviourOnUnknownDeclareArgument", "IGNORE");
        // Expired messages (the retry delays, 5 s and more) move on when housekeeping finds them: look every second,
        // not every 30 s. Each look visits every queue, so more often costs CPU while idle (docs/benchmarks.md).
        context.put("virtualhost.housekeepingCheckPeriod", "1000");

        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", "JSON");
        attributes.put("storePath", work.resolve("config.json").toString());
        attributes.put("initialConfigurationLocation", initialConfig.toExternalForm());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", context);

        SystemLauncher launcher = new SystemLauncher();
        launcher.startup(attributes);
        log.info("Embedded AMQP 0-9-1 broker (Qpid Broker-J) on 127.0.0.1:{} (data in {})", port, work);
        return new EmbeddedAmqpBroker(launcher, port);
    }

    /** {@code amqp://guest:guest@127.0.0.1:<port>/}: the default virtual host. */
    public String uri() {
        return "amqp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    /**
     * Stops the broker. On Ctrl-C, Qpid's own JVM shutdown hook may have stopped it already (it runs alongside the
     * stack's): nothing is lost then either, the services' unacknowledged jobs are persistent and come back.
     */
    @Override
    public void close() {
        try {
            launcher.shutdown();
        } catch (RuntimeException alreadyStopping) {
            log.debug("Qpid was stopped by its own shutdown hook: {}", alreadyStopping.toString());
        }
    }

    @Override
    public String toString() {
        return "embedded AMQP broker on 127.0.0.1:" + port;
    }
}
