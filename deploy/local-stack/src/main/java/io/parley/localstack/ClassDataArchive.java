package io.parley.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service jar made quick to start: extracted with Spring Boot's {@code -Djarmode=tools extract}, plus a class-data
 * archive recorded by a training start that stops once the application context has refreshed
 * ({@code -Dspring.context.exit=onRefresh}: every bean created, no lifecycle started, no port bound, no broker
 * consumer). Loading and verifying classes is about half of a service's start. On JDK 25 and later the archive is an
 * AOT cache ({@code -XX:AOTCacheOutput}, JEPs 483, 514 and 515: classes loaded <em>and linked</em>, plus the training's
 * method profiles, so the JIT starts from them); on older JDKs a dynamic AppCDS archive ({@code
 * -XX:ArchiveClassesAtExit}, JDK 13+), which holds the loaded classes only. What each saves on a service's restart
 * is in docs/reliability.md ("Restarts"); a restart on a busy 2-core machine is short of exactly that CPU.
 * <p>
 * The archive lives beside the jar ({@code target/class-data/<jar>-<stamp>}), its stamp made of the jar's size and
 * modification time, the JDK's and the kind of archive, so a rebuild or another JDK trains anew; the first start of a
 * new build pays for the training once (about one start more), every later start and restart gains. A training that
 * fails costs nothing but that start's speed: the service then starts from its jar as before.
 */
final class ClassDataArchive {

    private static final Logger log = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);
    /** An AOT cache where the JDK can record one in a single training run (JEP 514, JDK 25). */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    private static final String ARCHIVE = AOT_CACHE ? "app.aot" : "app.jsa";
    /** Classes the archive cannot hold (generated proxies, ...) are warned about, one line each: noise. */
    private static final String QUIET = AOT_CACHE ? "-Xlog:cds*=error,aot*=error" : "-Xlog:cds*=error";
    private static final String READY = "ready";
    /** Within this JVM two launches of one jar (query-api and query-api-2) train once; a file lock across JVMs. */
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    /** How to start a service: its jar and the JVM options that go with it. */
    record Launch(Path jar, List<String> jvmOptions) {
    }

    private ClassDataArchive() {
    }

    /**
     * The launch of {@code jar} with its archive, training it first when this build has none yet (with the service's
     * own environment and JVM options, its output in {@code trainingLog}); the plain jar when it cannot be had.
     */
    static Launch prepare(String name, Path jar, Map<String, String> environment, List<String> jvmOptions,
                          Path trainingLog) {
        if (!isSpringBootJar(jar)) {
            return new Launch(jar, jvmOptions);
        }
        Path root = jar.toAbsolutePath().getParent().resolve("class-data");
        String jarName = jar.getFileName().toString();
        Path dir = root.resolve(jarName.substring(0, jarName.length() - ".jar".length()) + "-" + stamp(jar));
        Path extracted = dir.resolve(jarName);
        synchronized (LOCKS.computeIfAbsent(dir, d -> new Object())) {
            try {
                Files.createDirectories(root);
                try (FileChannel lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                    if (!Files.exists(dir.resolve(READY))) {
                        train(name, jar, dir, extracted, environment, jvmOptions, trainingLog);
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.warn("{}: no class-data archive ({}); starting from its jar", name, e.getMessage());
                return new Launch(jar, jvmOptions);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Launch(jar, jvmOptions);
            }
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.add((AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + dir.resolve(ARCHIVE));
        options.add(QUIET);
        return new Launch(extracted, List.copyOf(options));
    }

    private static void train(String name, Path jar, Path dir, Path extracted, Map<String, String> environment,
                              List<String> jvmOptions, Path trainingLog) throws IOException, InterruptedException {
        String prefix = dir.getFileName().toString().substring(0, dir.getFileName().toString().lastIndexOf('-') + 1);
        try (Stream<Path> old = Files.list(dir.getParent())) {
            for (Path stale : old.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                deleteRecursively(stale);
            }
        }
        log.info("{}: training a class-data archive for a quicker start (once per build; log: {})", name,
                trainingLog);
        Files.createDirectories(trainingLog.toAbsolutePath().getParent());
        Path unpacking = dir.resolveSibling(dir.getFileName() + ".tmp");
        deleteRecursively(unpacking);
        run(List.of(ServiceProcess.javaBinary(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                unpacking.toString()), Map.of(), trainingLog);
        Files.move(unpacking, dir, StandardCopyOption.ATOMIC_MOVE);
        List<String> training = new ArrayList<>();
        training.add(ServiceProcess.javaBinary());
        training.addAll(jvmOptions);
        training.add((AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + dir.resolve(ARCHIVE));
        training.add(QUIET);
        training.add("-Dspring.context.exit=onRefresh");
        training.add("-jar");
        training.add(extracted.toString());
        run(training, environment, trainingLog);
        if (!Files.isRegularFile(dir.resolve(ARCHIVE))) {
            throw new IllegalStateException("the training start wrote no archive (log: " + trainingLog + ")");
        }
        Files.createFile(dir.resolve(READY));
    }

    private static void run(List<String> command, Map<String, String> environment, Path logFile)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("no end after " + TRAINING_TIMEOUT + ": " + command.getLast());
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit status " + process.exitValue() + " (log: " + logFile + ")");
        }
    }

    /** Only a Spring Boot jar extracts itself and stops after its refresh; any other jar starts as it is. */
    private static boolean isSpringBootJar(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Spring-Boot-Version") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The jar's size and modification time, the JDK and the kind of archive: what the archive is valid for. */
    private static String stamp(Path jar) {
        try {
            String of = Files.size(jar) + "/" + Files.getLastModifiedTime(jar).toMillis() + "/"
                    + System.getProperty("java.home") + "/" + System.getProperty("java.vm.version") + "/" + ARCHIVE;
            return HexFormat.of().toHexDigits(of.hashCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
