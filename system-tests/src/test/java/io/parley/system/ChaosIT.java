package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.parley.kernel.testing.CuttableProxy;
import io.parley.loadtest.ChaosLoad;
import io.parley.loadtest.FcmStandIn;
import io.parley.localstack.EmbeddedAmqpBroker;
import io.parley.localstack.EmbeddedMongoServer;
import io.parley.localstack.LocalStack;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault suite (docs/reliability.md "Faults"; {@code ./parley chaos} runs its long form): the whole local stack
 * of {@code ./parley up} in this JVM on free ports and a data directory of its own (its supervisor restarts what dies),
 * under a steady load through the gateway with every member of every group subscribed, and one fault at a time.
 * After the run, every send answered 201 must be in history exactly once at its seq, without gaps; every subscriber
 * must have received each such message exactly once (live, or by since-seq after reconnecting); and a send must have
 * been answered 201 or 503, never anything else and never not at all within the client's timeout.
 * <p>
 * Two query-api instances run behind the gateway; each group has a member who is never connected and has a push
 * device, so every message makes a push job: FCM is this test's stand-in ({@link FcmStandIn}), and every push the
 * events call for must have reached it exactly once (and every user's welcome mail the stack's SMTP server). At
 * the end, every projection must equal a rebuild of it.
 * <p>
 * The short form ({@code ./parley test}): in two groups of two subscribers and one offline member, 20 sends one at a
 * time, then about 400 at 20 a second with a {@code kill -9} of one query-api instance (its clients go on with the
 * other), then of the other (none left until the supervisor's restarts). The long form ({@code -Dparley.chaos=long}):
 * 100 msg/s over groups of 10 (and one offline member each), and a {@code kill -9} of each service (both query-api
 * instances at once), of one query-api instance of two, PostgreSQL stopped 30 s ({@code pg_ctl stop -m immediate}'s
 * signal), the AMQP broker stopped 60 s, and the MongoDB wire server cut 30 s. The MongoDB wire server and the broker
 * are this test's own (the stack is pointed at them), so they can be cut and stopped; PostgreSQL is the stack's
 * embedded one.
 */
class ChaosIT {

    private static final Logger log = LoggerFactory.getLogger(ChaosIT.class);
    private static final boolean LONG = "long".equals(System.getProperty("parley.chaos"));
    /** The long form's faults to inject (all when empty): ./parley chaos --fault NAME. */
    private static final List<String> FAULTS = Arrays.stream(System.getProperty("parley.chaos.faults", "").split(","))
            .map(String::strip).filter(name -> !name.isEmpty()).toList();
    /** Sends a second in the long form (./parley chaos --rate). */
    private static final double RATE = Double.parseDouble(System.getProperty("parley.chaos.rate", "100"));
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);
    private static final String ADMIN_EMAIL = "chaos-admin@parley.local";
    private static final String ADMIN_PASSWORD = "chaos-admin-password";
    private static final List<String> QUERY_APIS = List.of("query-api", "query-api-2");
    private static final List<String> SERVICES = List.of("command-api", "query-api", "query-api-2",
            "notification-handler");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Path dataDir;
    private static EmbeddedMongoServer mongo;
    private static CuttableProxy mongoCut;
    private static EmbeddedAmqpBroker broker;
    private static int brokerPort;
    private static FcmStandIn fcm;
    private static LocalStack stack;
    private static final Map<String, Integer> ports = new LinkedHashMap<>();

    @BeforeAll
    static void startStack() throws Exception {
        Path home = Path.of("..").toAbsolutePath().normalize();
        dataDir = Path.of("target", "chaos", "data").toAbsolutePath();
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);

        // The wire server ./parley up runs (H2 file, native and secondary indexes), behind a proxy the suite can cut.
        int mongoPort = freePort();
        mongo = EmbeddedMongoServer.start(dataDir.resolve("mongo"), mongoPort);
        mongoCut = new CuttableProxy("127.0.0.1", mongoPort);
        brokerPort = freePort();
        broker = EmbeddedAmqpBroker.start(dataDir, brokerPort);
        fcm = FcmStandIn.start();

        for (String service : List.of("gateway", "command-api", "query-api", "notification-handler", "postgres")) {
            ports.put(service, freePort());
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("PARLEY_GATEWAY_PORT", ports.get("gateway").toString());
        env.put("PARLEY_COMMAND_API_PORT", ports.get("command-api").toString());
        env.put("PARLEY_QUERY_API_PORT", ports.get("query-api").toString());
        env.put("PARLEY_NOTIFICATION_HANDLER_PORT", ports.get("notification-handler").toString());
        env.put("PARLEY_EMBEDDED_POSTGRES_PORT", ports.get("postgres").toString());
        env.put("PARLEY_EMBEDDED_SMTP_PORT", "0");
        env.put("PARLEY_MONGODB_URI", "mongodb://127.0.0.1:" + mongoCut.port() + "/parley");
        env.put("PARLEY_RABBITMQ_URI", broker.uri());
        env.put("PARLEY_RABBITMQ_FLAVOUR", "qpid");
        env.put("PARLEY_SERVICE_HEAP", LONG ? "512m" : "384m");
        env.put("PARLEY_QUERY_API_INSTANCES", "2");
        env.put("PARLEY_FCM_URL", fcm.url());
        env.put("PARLEY_ADMIN_EMAILS", ADMIN_EMAIL);
        stack = new LocalStack(env, home);
        // A run stopped from outside (Ctrl-C on ./parley chaos) must not leave the services running.
        Runtime.getRuntime().addShutdownHook(new Thread(ChaosIT::stopStack, "chaos-stack-stop"));
        stack.start();
    }

    @AfterAll
    static synchronized void stopStack() {
        if (stack != null) {
            stack.stop();
        }
        if (broker != null) {
            broker.close();
        }
        if (mongoCut != null) {
            mongoCut.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (fcm != null) {
            fcm.close();
        }
        fcm = null;
        stack = null;
        broker = null;
        mongoCut = null;
        mongo = null;
    }

    @Test
    void underLoad_eachFault_losesAndDuplicatesNothing_andSendsAreAnswered201Or503() throws Exception {
        List<ChaosLoad.PhaseResult> results;
        List<String> rebuildDifferences;
        Map<String, Long> welcomes;
        int signedUp;
        try (ChaosLoad load = LONG
                ? new ChaosLoad(stack.gatewayUrl(), 100, 10, 1, Duration.ofSeconds(15))
                // Two groups: the sends of one conversation queue on its aggregate, and at 20 a second into one
                // conversation, a busy machine's stall of a second or two grew into sends answered after 15 s.
                : new ChaosLoad(stack.gatewayUrl(), 4, 2, 1, Duration.ofSeconds(15))) {
            load.setUp(4);
            Map<String, Double> readYourWrites = new LinkedHashMap<>();
            if (LONG) {
                load.start(RATE, "no fault (baseline)");
                steady(Duration.ofSeconds(15));
                for (String service : List.of("command-api", "query-api", "notification-handler")) {
                    if (!runs(service)) {
                        continue;
                    }
                    boolean query = service.equals("query-api");
                    load.phase("kill -9 " + service + (query ? " (both instances)" : ""));
                    steady(Duration.ofSeconds(5));
                    for (String instance : query ? QUERY_APIS : List.of(service)) {
                        kill(instance);
                    }
                    load.repaired();
                    recover(load, Duration.ofSeconds(10));
                    readYourWrites.put(service, load.readYourWrites(Duration.ofSeconds(30)));
                }
                if (runs("one-query-api")) {
                    load.phase("kill -9 one query-api of two");
                    steady(Duration.ofSeconds(5));
                    kill("query-api");
                    load.repaired();
                    recover(load, Duration.ofSeconds(10));
                }
                if (runs("postgres")) {
                    load.phase("PostgreSQL stopped 30 s");
                    steady(Duration.ofSeconds(5));
                    List<String> postgres = stopPostgres();
                    steady(Duration.ofSeconds(30));
                    startPostgres(postgres);
                    load.repaired();
                    recover(load, Duration.ofSeconds(10));
                }
                if (runs("broker")) {
                    load.phase("AMQP broker stopped 60 s");
                    steady(Duration.ofSeconds(5));
                    broker.close();
                    steady(Duration.ofSeconds(60));
                    broker = EmbeddedAmqpBroker.start(dataDir, brokerPort);
                    load.repaired();
                    recover(load, Duration.ofSeconds(10));
                }
                if (runs("mongo")) {
                    load.phase("MongoDB wire server cut 30 s");
                    steady(Duration.ofSeconds(5));
                    mongoCut.cut();
                    steady(Duration.ofSeconds(30));
                    mongoCut.restore();
                    load.repaired();
                    recover(load, Duration.ofSeconds(10));
                }
            } else {
                load.warmUp(20, "no fault (20 sends, one at a time)");
                // One query-api instance killed: its subscribers connect again through the gateway, which sends them
                // to the other instance.
                killDuringSends(load, "kill -9 one query-api of two", "query-api");
                caughtUp(load);
                // Then the other too: none is left until the supervisor's restarts.
                killDuringSends(load, "kill -9 the other query-api (none left)", "query-api-2");
                recover(load, Duration.ZERO);
            }
            // Long form: a push a worker sent just before a kill -9, without marking it done, is sent again once
            // its claim times out (1 minute, notification-handler's claim-timeout): wait that long for such copies.
            results = load.finish(Duration.ofMinutes(LONG ? 5 : 2), fcm,
                    LONG ? Duration.ofSeconds(70) : Duration.ofSeconds(5));
            // The table first: a rebuild that fails or overruns must not hide what the faults did.
            String table = ChaosLoad.table(results);
            Path out = Files.createDirectories(Path.of("target", "chaos"));
            Path tableFile = out.resolve(LONG ? "chaos-long.md" : "chaos-short.md");
            String summary = table + "\nrate: " + (LONG ? RATE : 20) + " sends/s; read-your-writes after a kill -9 (s): "
                    + readYourWrites + "\nsocket reconnections: " + load.reconnects() + ", ERROR frames: "
                    + load.errorFrames() + "\n";
            Files.writeString(tableFile, summary);
            log.info("Fault suite ({} form):\n{}", LONG ? "long" : "short", summary);
            await().atMost(Duration.ofMinutes(2)).until(() -> welcomeMails().size() >= load.signedUp());
            welcomes = welcomeMails();
            signedUp = load.signedUp();
            rebuildDifferences = load.projectionsAgainstTheirRebuild(
                    QUERY_APIS.stream().map(stack::baseUrl).toList(), ADMIN_EMAIL, ADMIN_PASSWORD,
                    Duration.ofMinutes(LONG ? 20 : 3));
            Files.writeString(tableFile, summary + "projections that differ from their rebuild: "
                    + rebuildDifferences.size() + "\n");
            log.info("Reads that differ after the rebuild of every projection: {}", rebuildDifferences);
            assertThat(readYourWrites.values()).as("read-your-writes within 30 s after each kill -9")
                    .allSatisfy(seconds -> assertThat(seconds).isBetween(0.0, 30.0));
        }
        assertThat(results.getFirst().historyProblems()).as("gaps or disorder in history").isEmpty();
        assertThat(results.getFirst().unexpectedPushes()).as("pushes no event called for").isZero();
        assertThat(rebuildDifferences).as("reads whose answer changed with the rebuild of every projection").isEmpty();
        assertThat(welcomes).as("welcome mails by recipient").hasSize(signedUp)
                .allSatisfy((recipient, mails) -> assertThat(mails).as("welcome mails to one user").isOne());
        for (ChaosLoad.PhaseResult result : results) {
            assertThat(result.acknowledged()).as("%s: acknowledged sends", result.fault()).isPositive();
            assertThat(result.lost()).as("%s: acknowledged but not in history", result.fault()).isZero();
            assertThat(result.duplicated()).as("%s: in history more than once", result.fault()).isZero();
            assertThat(result.lostDeliveries()).as("%s: deliveries missing", result.fault()).isZero();
            assertThat(result.duplicateDeliveries()).as("%s: deliveries duplicated", result.fault()).isZero();
            assertThat(result.failures()).as("%s: answers other than 201 and 503", result.fault()).isEmpty();
            assertThat(result.pushes()).as("%s: pushes its messages call for", result.fault()).isPositive();
            assertThat(result.lostPushes()).as("%s: pushes never sent", result.fault()).isZero();
            assertThat(result.duplicatePushes()).as("%s: pushes sent more than once", result.fault()).isZero();
        }
    }

    private static boolean runs(String fault) {
        return FAULTS.isEmpty() || FAULTS.contains(fault);
    }

    /**
     * Welcome mails to the load's users (addresses {@code bench.<uuid>@example.org}), by recipient: the stack's SMTP
     * server writes each mail it receives once per recipient as {@code <yyyyMMdd-HHmmss-SSS>-<n>-<address>.eml}.
     */
    private static Map<String, Long> welcomeMails() throws IOException {
        Map<String, Long> byRecipient = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("mail"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList()) {
                String recipient = file.getFileName().toString().split("-", 5)[4];
                boolean welcome = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                        .anyMatch(line -> line.startsWith("Subject: Welcome to Parley"));
                if (welcome && recipient.startsWith("bench.")) {
                    byRecipient.merge(recipient, 1L, Long::sum);
                }
            }
        }
        return byRecipient;
    }

    /** A phase of about 200 sends at 20 a second, with {@code service} killed 3 s into them. */
    private static void killDuringSends(ChaosLoad load, String phase, String service) throws InterruptedException {
        load.start(20, phase);
        steady(Duration.ofSeconds(3));
        kill(service);
        load.repaired();
        steady(Duration.ofSeconds(7));
        load.stopSending();
    }

    /**
     * The load runs on meanwhile; the test only lets time pass (the fault's length, or steady load around it). Not a
     * wait for a state, so a sleep and not Awaitility: the time itself is the fault (a 30 s outage, load around it);
     * every wait for a state in this test is an {@code await()}.
     */
    private static void steady(Duration duration) throws InterruptedException {
        Thread.sleep(duration);
    }

    private static void kill(String service) {
        long pid = stack.pid(service);
        log.info("kill -9 {} (pid {})", service, pid);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    }

    /**
     * Until every service is healthy (the supervisor restarted the killed one) and every subscriber has every
     * acknowledged message but the last second's, at most {@link #RECOVERY_LIMIT} each (past it the run goes on: the
     * final checks tell whether anything was lost, the table's time to recover whether it was only late); then
     * {@code after} more of steady load.
     */
    private static void recover(ChaosLoad load, Duration after) throws InterruptedException {
        Instant start = Instant.now();
        try {
            await().atMost(RECOVERY_LIMIT).pollInterval(Duration.ofMillis(250)).until(() ->
                    SERVICES.stream().allMatch(ChaosIT::healthy));
        } catch (ConditionTimeoutException e) {
            log.warn("a service is not healthy {} after the fault", RECOVERY_LIMIT);
        }
        caughtUp(load);
        log.info("recovered after {} s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
        steady(after);
    }

    /**
     * Until every subscriber has every acknowledged message but the last second's, at most {@link #RECOVERY_LIMIT}
     * (past it the run goes on, as in {@link #recover}).
     */
    private static void caughtUp(ChaosLoad load) {
        try {
            await().atMost(RECOVERY_LIMIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> load.caughtUp(Duration.ofSeconds(1)));
        } catch (ConditionTimeoutException e) {
            log.warn("subscribers have not caught up {} after the fault: {} deliveries missing", RECOVERY_LIMIT,
                    load.missingDeliveries());
        }
    }

    private static boolean healthy(String service) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl(service)
                    + "/actuator/health")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What {@code pg_ctl stop -m immediate} does: SIGQUIT to the postmaster, which ends every backend at once without
     * a checkpoint (recovery replays the WAL at the next start). Answers the postmaster's command line, to start it
     * again.
     */
    private static List<String> stopPostgres() throws Exception {
        Path data = dataDir.resolve("postgres");
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
        List<String> command = new ArrayList<>(List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid),
                "cmdline")), StandardCharsets.UTF_8).split("\0")));
        log.info("PostgreSQL: immediate shutdown (SIGQUIT to postmaster {})", pid);
        Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        return command;
    }

    /**
     * Starts the postmaster again with its own command line; as root through {@code unshare -U}, as the embedded
     * PostgreSQL library does (PostgreSQL refuses to run as root).
     */
    private static void startPostgres(List<String> postmaster) throws Exception {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(postmaster);
        log.info("PostgreSQL: starting again");
        new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("logs/postgres-restart.log").toFile()))
                .start();
        await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(dataDir.resolve("postgres/postmaster.pid")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
