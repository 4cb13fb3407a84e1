package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisedServiceTest {

    @TempDir
    Path dir;

    /** The "service": a JVM that only waits, so a test can kill it. */
    public static final class Idle {
        public static void main(String[] args) throws InterruptedException {
            // Its log line tells the test which process wrote it (awaitLogLine); then it lives until killed.
            System.out.println("idle " + ProcessHandle.current().pid());
            Thread.sleep(Duration.ofMinutes(10));
        }
    }

    /** A "service" that answers its health check UP once it has started, which takes READY_AFTER_MS. */
    public static final class Healthy {
        public static void main(String[] args) throws Exception {
            // Stands for a service's start-up: what the supervisor waits for before another service's restart.
            Thread.sleep(Long.parseLong(System.getenv("READY_AFTER_MS")));
            HttpServer server = HttpServer.create(
                    new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
            server.createContext("/actuator/health", exchange -> {
                byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            // Then it lives until killed.
            Thread.sleep(Duration.ofMinutes(10));
        }
    }

    @Test
    void servicesThatDieTogether_restartOneAfterTheOther_eachOnceTheOneBeforeIsHealthy() throws Exception {
        Path jar = jar(Healthy.class);
        Semaphore turns = new Semaphore(1, true);
        Map<String, Long> launchedAt = new ConcurrentHashMap<>();
        List<SupervisedService> services = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            int port = freePort();
            services.add(new SupervisedService(name, restart -> {
                if (restart) {
                    launchedAt.put(name, System.nanoTime());
                }
                return ServiceProcess.start(name, jar, port, Map.of("READY_AFTER_MS", "1500"), List.of("-Xmx32m"),
                        dir.resolve(name + ".log"), restart);
            }, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1), turns, Duration.ofSeconds(30)));
        }
        try {
            List<Long> pids = new ArrayList<>();
            for (SupervisedService service : services) {
                pids.add(service.start().awaitHealthy(Duration.ofSeconds(30)).process().pid());
                service.supervise();
            }

            pids.forEach(pid -> ProcessHandle.of(pid).orElseThrow().destroyForcibly());

            await().atMost(Duration.ofSeconds(60)).until(() -> launchedAt.size() == 2);
            for (SupervisedService service : services) {
                service.current().awaitHealthy(Duration.ofSeconds(30));
                assertThat(service.restarts()).isEqualTo(1);
            }
            List<Long> launches = launchedAt.values().stream().sorted().toList();
            // Both died at once and would restart 0.1 s later; the later one waited for the earlier one's start.
            assertThat(Duration.ofNanos(launches.get(1) - launches.get(0))).isGreaterThanOrEqualTo(
                    Duration.ofMillis(1500));
        } finally {
            for (SupervisedService service : services) {
                service.close();
            }
        }
        assertThat(turns.availablePermits()).isOne();
    }

    @Test
    void aKilledProcess_isStartedAgain_withABackOffThatDoublesWhileItKeepsDying() throws Exception {
        Path jar = jar(Idle.class);
        List<Boolean> launches = new ArrayList<>();
        SupervisedService service = new SupervisedService("idle", restart -> {
            launches.add(restart);
            return ServiceProcess.start("idle", jar, 0, Map.of(), List.of("-Xmx32m"), dir.resolve("idle.log"),
                    restart);
        }, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofMinutes(1));
        try {
            long first = service.start().process().pid();
            service.supervise();
            awaitLogLine(first);

            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            long second = await().atMost(Duration.ofSeconds(30)).until(() -> service.current().process().pid(),
                    pid -> pid != first);
            assertThat(service.restarts()).isEqualTo(1);
            awaitLogLine(second);

            // Dying again at once: the next restart waits 1 s (twice the first back-off), not 0.5 s.
            long killedAt = System.nanoTime();
            ProcessHandle.of(second).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> service.restarts() == 2);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(service.current().isAlive()).isTrue();
            assertThat(launches).containsExactly(false, true, true);
            // The log is continued across restarts, not started anew: every run's line is in it.
            awaitLogLine(service.current().process().pid());
            assertThat(Files.readString(dir.resolve("idle.log"))).contains("idle " + first, "idle " + second);
        } finally {
            service.close();
        }
        assertThat(service.current().isAlive()).isFalse();
    }

    @Test
    void aClosedService_isNotStartedAgain() throws Exception {
        Path jar = jar(Idle.class);
        SupervisedService service = new SupervisedService("idle", restart -> ServiceProcess.start("idle", jar, 0,
                Map.of(), List.of("-Xmx32m"), dir.resolve("idle.log"), restart), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofMinutes(1));
        ServiceProcess process = service.start();
        service.supervise();

        service.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(service.restarts()).isZero();
        assertThat(service.current()).isSameAs(process);
    }

    private void awaitLogLine(long pid) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(dir.resolve("idle.log"))
                .contains("idle " + pid));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path jar(Class<?> main) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        Path jar = dir.resolve(main.getSimpleName() + ".jar");
        String entry = main.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = main.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
