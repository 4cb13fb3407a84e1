package io.parley.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./parley up}: starts embedded PostgreSQL, the MongoDB wire server, an AMQP broker (Qpid Broker-J) and an
 * SMTP server (GreenMail) unless their URLs or hosts are configured, then command-api, query-api and
 * notification-handler, and a gateway (Undertow) in front of the first two; prints where they are, and stops
 * everything in order on Ctrl-C. Everything persists under the data directory, so the next start finds the same users and data.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final String DATABASE = "parley";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** How long a restarting service keeps the others from starting: a start here takes 6 to 100 s by load. */
    private static final Duration RESTART_TURN = Duration.ofMinutes(1);

    private final Map<String, String> env;
    private final Path home;
    private final Path dataDir;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, SupervisedService> services = new LinkedHashMap<>();
    /** Services that die together restart one after the other ({@link SupervisedService}). */
    private final Semaphore restartTurns = new Semaphore(1, true);
    private volatile boolean stopping;
    private EmbeddedMailServer mail;
    private EmbeddedGateway gateway;

    /** A stack configured by {@code env} (the variables README "Configuration" lists), running the jars under {@code home}. */
    public LocalStack(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
        this.dataDir = Path.of(env.getOrDefault("PARLEY_DATA_DIR", home.resolve("data").toString())).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("parley.home", ".")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(System.getenv(), home);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "parley-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            log.error("Parley did not start: {}", e.getMessage());
            System.exit(1);
        }
        stack.stopped.await();
    }

    /**
     * Starts everything; returns once every service is healthy. Each service is then supervised: restarted with
     * back-off when it dies ({@link SupervisedService}).
     */
    public void start() throws Exception {
        Map<String, String> serviceEnv = startInfrastructure();
        int commandPort = port("PARLEY_COMMAND_API_PORT", 8081);
        int gatewayPort = port("PARLEY_GATEWAY_PORT", 8080);
        serviceEnv.putIfAbsent("PARLEY_JWKS_URI", "http://127.0.0.1:" + commandPort + "/.well-known/jwks.json");
        // Password-reset mails link to the web app behind this gateway, unless configured.
        serviceEnv.put("PARLEY_PASSWORD_RESET_URL", env.getOrDefault("PARLEY_PASSWORD_RESET_URL",
                "http://127.0.0.1:" + gatewayPort + "/#/reset-password?token="));

        // command-api first: it migrates the shared schema and creates the dev signing keys the others trust.
        ServiceProcess command = launch("command-api", "command-api", commandPort, serviceEnv);
        command.awaitHealthy(START_TIMEOUT);
        List<ServiceProcess> queries = new ArrayList<>();
        queries.add(launch("query-api", "query-api", port("PARLEY_QUERY_API_PORT", 8082), serviceEnv));
        ServiceProcess notification = launch("notification-handler", "notification-handler",
                port("PARLEY_NOTIFICATION_HANDLER_PORT", 8083), serviceEnv);
        queries.getFirst().awaitHealthy(START_TIMEOUT);
        // More query-api instances (PARLEY_QUERY_API_INSTANCES) on free ports, behind the same gateway: they share
        // the stores, one of them runs the projections, and each serves reads and sockets. Started once the first is
        // up: three services booting at once on a busy 2-core machine took longer than START_TIMEOUT.
        for (int instance = 2; instance <= queryInstances(); instance++) {
            queries.add(launch("query-api-" + instance, "query-api", freePort(), serviceEnv));
        }
        for (ServiceProcess query : queries) {
            query.awaitHealthy(START_TIMEOUT);
        }
        notification.awaitHealthy(START_TIMEOUT);
        gateway = EmbeddedGateway.start(gatewayPort, URI.create(command.baseUrl()),
                queries.stream().map(query -> URI.create(query.baseUrl())).toList(), webRoot());
        started.add(gateway);

        for (SupervisedService service : services.values()) {
            service.supervise();
        }
        List<ServiceProcess> summary = new ArrayList<>(List.of(command));
        summary.addAll(queries);
        summary.add(notification);
        printSummary(summary);
    }

    private int queryInstances() {
        String value = env.get("PARLEY_QUERY_API_INSTANCES");
        int instances = value == null || value.isBlank() ? 1 : Integer.parseInt(value.trim());
        if (instances < 1) {
            throw new IllegalArgumentException("PARLEY_QUERY_API_INSTANCES must be at least 1");
        }
        return instances;
    }

    /**
     * Starts the embedded PostgreSQL, MongoDB wire server, AMQP broker and SMTP server that are not configured, and
     * returns the environment that points the services at them.
     */
    Map<String, String> startInfrastructure() throws Exception {
        Files.createDirectories(dataDir);
        Map<String, String> serviceEnv = new LinkedHashMap<>();
        // The stack's settings reach its services as given: an external store named here is theirs too. (From main()
        // they are this process's environment, which the services inherit anyway; a test hands them in as a map.)
        env.forEach((name, value) -> {
            if (name.startsWith("PARLEY_")) {
                serviceEnv.put(name, value);
            }
        });
        serviceEnv.put("PARLEY_DATA_DIR", dataDir.toString());

        String postgresUrl = env.get("PARLEY_POSTGRES_URL");
        if (postgresUrl == null || postgresUrl.isBlank()) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir,
                    port("PARLEY_EMBEDDED_POSTGRES_PORT", 15432), DATABASE);
            started.add(postgres);
            serviceEnv.put("PARLEY_POSTGRES_URL", postgres.jdbcUrl(DATABASE));
            serviceEnv.put("PARLEY_POSTGRES_USER", "postgres");
            serviceEnv.put("PARLEY_POSTGRES_PASSWORD", "postgres");
        }
        String mongoUri = env.get("PARLEY_MONGODB_URI");
        if (mongoUri == null || mongoUri.isBlank()) {
            EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, port("PARLEY_EMBEDDED_MONGO_PORT", 27017));
            started.add(mongo);
            serviceEnv.put("PARLEY_MONGODB_URI", mongo.uri(DATABASE));
        }
        String rabbitUri = env.get("PARLEY_RABBITMQ_URI");
        if (rabbitUri == null || rabbitUri.isBlank()) {
            EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start(dataDir, port("PARLEY_EMBEDDED_AMQP_PORT", 0));
            started.add(broker);
            // notification-handler (jobs) and query-api (live fanout) share it; Qpid delays and dead-letters its way.
            serviceEnv.put("PARLEY_RABBITMQ_URI", broker.uri());
            serviceEnv.put("PARLEY_RABBITMQ_FLAVOUR", "qpid");
        }
        String smtpHost = env.get("PARLEY_SMTP_HOST");
        if (smtpHost == null || smtpHost.isBlank()) {
            mail = EmbeddedMailServer.start(dataDir, port("PARLEY_EMBEDDED_SMTP_PORT", 0));
            started.add(mail);
            serviceEnv.put("PARLEY_SMTP_HOST", mail.host());
            serviceEnv.put("PARLEY_SMTP_PORT", Integer.toString(mail.port()));
        }
        return serviceEnv;
    }

    /** Starts {@code module}'s jar as the supervised service {@code name} (its log: {@code <name>.log}). */
    private ServiceProcess launch(String name, String module, int port, Map<String, String> serviceEnv)
            throws IOException {
        Map<String, String> environment = new LinkedHashMap<>(serviceEnv);
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Path logFile = dataDir.resolve("logs").resolve(name + ".log");
        List<String> jvmOptions = List.of("-Xmx" + env.getOrDefault("PARLEY_SERVICE_HEAP", "512m"));
        SupervisedService service = new SupervisedService(name, restart -> {
            log.info("Starting {} on port {}", name, port);
            return ServiceProcess.start(name, ServiceProcess.jarOf(home, module), port, environment, jvmOptions,
                    logFile, restart);
        }, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(2), restartTurns, RESTART_TURN);
        started.add(service);
        services.put(name, service);
        return service.start();
    }

    /**
     * The process id of a service's current process (a new one after each restart by the supervisor). Services:
     * {@code command-api}, {@code query-api} (and {@code query-api-2} … with PARLEY_QUERY_API_INSTANCES),
     * {@code notification-handler}.
     */
    public long pid(String service) {
        SupervisedService supervised = services.get(service);
        if (supervised == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return supervised.current().process().pid();
    }

    /** Where a service listens (the same after a restart). */
    public String baseUrl(String service) {
        SupervisedService supervised = services.get(service);
        if (supervised == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return supervised.current().baseUrl();
    }

    /** How many times the supervisor has restarted a service. */
    public int restarts(String service) {
        return services.get(service).restarts();
    }

    public String gatewayUrl() {
        return gateway.baseUrl();
    }

    private Path webRoot() {
        return home.resolve("web").resolve("app").resolve("dist");
    }

    private void printSummary(List<ServiceProcess> services) {
        StringBuilder out = new StringBuilder("\n  Parley is up.\n\n");
        out.append(String.format("  %-22s %s%n", "web app", Files.isRegularFile(webRoot().resolve("index.html"))
                ? gateway.baseUrl() + "/" : "not built (./parley up builds it when Node.js 20+ is installed)"));
        out.append(String.format("  %-22s %s  (writes to command-api; reads and /ws to query-api)%n%n", "gateway",
                gateway.baseUrl()));
        for (ServiceProcess service : services) {
            out.append(String.format("  %-22s %s%n", service.name(), service.baseUrl()));
        }
        out.append(String.format("%n  %-22s %s  (both services; OpenAPI at /v3/api-docs/command-api, /v3/api-docs/query-api)%n",
                "API docs", gateway.baseUrl() + "/swagger-ui.html"));
        if (mail != null) {
            out.append(String.format("  %-22s %s (SMTP 127.0.0.1:%d)%n", "mail (.eml files)", mail.folder(), mail.port()));
        }
        out.append(String.format("  %-22s %s%n", "data", dataDir));
        out.append(String.format("  %-22s %s%n%n  Ctrl-C stops everything.%n", "logs", dataDir.resolve("logs")));
        log.info(out.toString());
    }

    /** Stops services first (they flush to the stores), then the embedded stores, newest first. */
    public synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        log.info("Stopping Parley");
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("Could not stop {} cleanly: {}", started.get(i), e.getMessage());
            }
        }
        stopped.countDown();
    }

    /** The configured port, else {@code fallback}; 0 means a free port. */
    private int port(String variable, int fallback) throws IOException {
        String value = env.get(variable);
        int port = value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        return port == 0 ? freePort() : port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
