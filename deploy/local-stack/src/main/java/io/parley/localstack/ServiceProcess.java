package io.parley.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Parley service run from its executable jar as a child process, with its output in a log file. Used by
 * {@code ./parley up} and by the black-box system tests, so both start the services the same way.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;

    private ServiceProcess(String name, int port, Process process, Path logFile) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code jar} with the given environment on top of this process's own, listening on {@code port}: from
     * its {@link ClassDataArchive} (trained on the first start of a build) unless the environment says
     * {@code PARLEY_CLASS_DATA_SHARING=false}.
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment,
                                       List<String> jvmOptions, Path logFile) throws IOException {
        return start(name, jar, port, environment, jvmOptions, logFile, false);
    }

    /** As above; with {@code appendLog} the log file is continued (a restart keeps what the dead process wrote). */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment,
                                       List<String> jvmOptions, Path logFile, boolean appendLog) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": no jar at " + jar + " (build it first: ./mvnw package)");
        }
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ClassDataArchive.Launch launch = "false".equals(environment.get("PARLEY_CLASS_DATA_SHARING"))
                ? new ClassDataArchive.Launch(jar, jvmOptions)
                : ClassDataArchive.prepare(name, jar, environment, jvmOptions,
                        logFile.resolveSibling(name + "-training.log"));
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(launch.jvmOptions());
        command.add("-jar");
        command.add(launch.jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                        : ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        return new ServiceProcess(name, port, builder.start(), logFile);
    }

    /** The {@code java} of the JDK this process runs on: the services run on the same one. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The executable jar a build left under {@code <home>/<module>/target}. */
    public static Path jarOf(Path home, String module) {
        Path target = home.resolve(module).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*.jar")) {
            for (Path jar : jars) {
                if (!jar.getFileName().toString().endsWith("-tests.jar")) {
                    return jar;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no build of " + module + " under " + target + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("no jar of " + module + " under " + target + " (build it: ./mvnw package)");
    }

    /** Waits until {@code /actuator/health} answers UP; fails early, with the log's tail, if the process dies. */
    public ServiceProcess awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail(40));
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + ":\n" + logTail(40));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    public Path logFile() {
        return logFile;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Asks the service to stop (SIGTERM: Spring's graceful shutdown), then insists after 30 seconds. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
