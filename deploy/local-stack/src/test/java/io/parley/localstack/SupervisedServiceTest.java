package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisedServiceTest {

    @TempDir
    Path dir;

    /** The "service": a JVM that only waits, so a test can kill it. */
    public static final class Idle {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("idle " + ProcessHandle.current().pid());
            Thread.sleep(Duration.ofMinutes(10));
        }
    }

    @Test
    void aKilledProcess_isStartedAgain_withABackOffThatDoublesWhileItKeepsDying() throws Exception {
        Path jar = idleJar();
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
        Path jar = idleJar();
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

    private Path idleJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Idle.class.getName());
        Path jar = dir.resolve("idle.jar");
        String entry = Idle.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream in = Idle.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
