package io.parley.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.parley.kernel.testing.InJvmS3Server;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.localstack.ServiceProcess;

/**
 * command-api and query-api started from their jars, as {@code ./parley up} starts them, against the test
 * PostgreSQL and an in-JVM MongoDB wire server. One stack per test JVM: starting it costs two JVM boots.
 */
final class ParleyStack {

    static final String ADMIN_EMAIL = "admin@parley.test";
    /** The load tool's own admin (LoadToolIT), so its password never clashes with another test's admin. */
    static final String LOAD_TOOL_ADMIN_EMAIL = "loadtool-admin@parley.test";

    private static ParleyStack instance;

    /** Attachments go to an S3 endpoint in this JVM, so the journeys cross the S3 adapter end to end. */
    static final String BUCKET = "parley-system";

    final ServiceProcess command;
    final ServiceProcess query;
    final InJvmS3Server s3;

    private ParleyStack(ServiceProcess command, ServiceProcess query, InJvmS3Server s3) {
        this.command = command;
        this.query = query;
        this.s3 = s3;
    }

    static synchronized ParleyStack get() throws Exception {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "parley-stack-stop"));
        }
        return instance;
    }

    private static ParleyStack start() throws Exception {
        Path home = Path.of("..").toAbsolutePath().normalize();
        Path work = Files.createDirectories(Path.of("target", "system-stack").toAbsolutePath());
        int commandPort = freePort();
        int queryPort = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARLEY_POSTGRES_URL", TestInfrastructure.postgresUrl("parley_system_it"));
        env.put("PARLEY_POSTGRES_USER", TestInfrastructure.postgresUser());
        env.put("PARLEY_POSTGRES_PASSWORD", TestInfrastructure.postgresPassword());
        env.put("PARLEY_MONGODB_URI", TestInfrastructure.mongoUri("parley_system_it"));
        env.put("PARLEY_DATA_DIR", work.resolve("data").toString());
        env.put("PARLEY_JWKS_URI", "http://127.0.0.1:" + commandPort + "/.well-known/jwks.json");
        env.put("PARLEY_ADMIN_EMAILS", ADMIN_EMAIL + "," + LOAD_TOOL_ADMIN_EMAIL);
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        InJvmS3Server s3 = new InJvmS3Server().bucket(BUCKET);
        env.put("PARLEY_ATTACHMENTS_STORE", "s3");
        env.put("PARLEY_S3_ENDPOINT", s3.endpoint());
        env.put("PARLEY_S3_BUCKET", BUCKET);
        env.put("PARLEY_S3_ACCESS_KEY", "system-tests");
        env.put("PARLEY_S3_SECRET_KEY", "system-tests");
        env.put("PARLEY_ATTACHMENTS_SWEEP_INTERVAL", "500ms");
        List<String> jvm = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");
        ServiceProcess command = ServiceProcess.start("command-api", ServiceProcess.jarOf(home, "command-api"),
                commandPort, env, jvm, work.resolve("command-api.log"));
        ServiceProcess query = ServiceProcess.start("query-api", ServiceProcess.jarOf(home, "query-api"),
                queryPort, env, jvm, work.resolve("query-api.log"));
        try {
            command.awaitHealthy(Duration.ofMinutes(3));
            query.awaitHealthy(Duration.ofMinutes(3));
        } catch (RuntimeException | InterruptedException e) {
            command.close();
            query.close();
            s3.close();
            throw e;
        }
        return new ParleyStack(command, query, s3);
    }

    private void stop() {
        try {
            query.close();
            command.close();
            s3.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
