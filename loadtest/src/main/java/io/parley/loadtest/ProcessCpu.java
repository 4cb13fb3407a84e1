package io.parley.loadtest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * CPU time of the processes of a Parley stack on this machine, from {@code /proc/<pid>/stat} (user + system time of
 * every thread): command-api, query-api (every instance), notification-handler, the local stack's JVM (MongoDB wire
 * server, AMQP broker, SMTP, gateway) and the PostgreSQL server (the postmaster listening on the given port and all
 * its children: backends, WAL writer, checkpointer). Only the Java processes started from the given checkout count
 * (its service jars, its local stack's {@code parley.home}): other stacks on the machine, another checkout's tests
 * or stack, are not this stack's cost. The load tool's own process is not among them. Linux only; elsewhere every
 * figure is empty.
 */
final class ProcessCpu {

    static final String COMMAND_API = "command-api";
    static final String QUERY_API = "query-api";
    static final String NOTIFICATION_HANDLER = "notification-handler";
    static final String LOCAL_STACK = "local-stack (wire server, broker, gateway)";
    static final String POSTGRESQL = "postgresql";
    /** Clock ticks per second of {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}: 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;
    /** HotSpot's JIT compiler threads, as /proc names them (15 characters at most). */
    private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre.*");

    private final Path proc;
    private final int postgresPort;
    private final String home;

    ProcessCpu(Path proc, int postgresPort, Path stackHome) {
        this.proc = proc;
        this.postgresPort = postgresPort;
        this.home = stackHome.toAbsolutePath().normalize().toString();
    }

    /** The stack started from the working directory (./parley runs the tool from its checkout). */
    static ProcessCpu ofThisMachine(int postgresPort) {
        return new ProcessCpu(Path.of("/proc"), postgresPort, Path.of(""));
    }

    /** CPU seconds used so far, by process role (sums over the processes of a role), in a stable order. */
    Map<String, Double> snapshot() {
        return sum(Proc::ticks);
    }

    /**
     * CPU seconds used so far by the JIT compilers of each Java role (its threads {@code C1 CompilerThread*} and
     * {@code C2 CompilerThread*}, from {@code /proc/<pid>/task}): work a fresh JVM does while it warms up, and which
     * a warm one has done; in a burst after two warm-ups it was a fifth to a third of every service's CPU.
     */
    Map<String, Double> compilerSnapshot() {
        Map<String, Double> seconds = sum(this::compilerTicks);
        seconds.remove(POSTGRESQL);
        return seconds;
    }

    private Map<String, Double> sum(ToLongFunction<Proc> ticks) {
        Map<Long, Proc> all = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                Proc read = read(entry);
                if (read != null) {
                    all.put(read.pid, read);
                }
            }
        } catch (IOException e) {
            return new LinkedHashMap<>();
        }
        Long postmaster = all.values().stream()
                .filter(p -> p.command.contains("postgres") && p.command.contains(" -p " + postgresPort + " "))
                .map(p -> p.pid).findFirst().orElse(null);
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String role : new String[]{COMMAND_API, QUERY_API, NOTIFICATION_HANDLER, LOCAL_STACK, POSTGRESQL}) {
            seconds.put(role, 0.0);
        }
        for (Proc p : all.values()) {
            String role = role(p, postmaster);
            if (role != null) {
                seconds.merge(role, ticks.applyAsLong(p) / TICKS_PER_SECOND, Double::sum);
            }
        }
        return seconds;
    }

    private long compilerTicks(Proc p) {
        long ticks = 0;
        Path tasks = proc.resolve(Long.toString(p.pid)).resolve("task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                Stat stat = stat(thread);
                if (stat != null && COMPILER_THREAD.matcher(stat.name).matches()) {
                    ticks += stat.ticks;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    /**
     * What each role used between two snapshots, in CPU milliseconds per message, and their total: the report's
     * {@code cpu} section; with the JIT compilers' share of it ({@link #compilerSnapshot}) and what is left without
     * it, the cost of a message once the JVMs are warm.
     */
    static Map<String, Object> perMessage(Map<String, Double> before, Map<String, Double> after,
                                          Map<String, Double> compilersBefore, Map<String, Double> compilersAfter,
                                          long messages) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("messages", messages);
        Map<String, Object> roles = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> role : used(before, after).entrySet()) {
            total += role.getValue();
            roles.put(role.getKey(), perMessage(role.getValue(), messages));
        }
        Map<String, Object> compilerRoles = new LinkedHashMap<>();
        double compilers = 0;
        for (Map.Entry<String, Double> role : used(compilersBefore, compilersAfter).entrySet()) {
            compilers += role.getValue();
            compilerRoles.put(role.getKey(), perMessage(role.getValue(), messages));
        }
        report.put("cpuSeconds", round(total));
        report.put("msPerMessage", perMessage(total, messages));
        report.put("msPerMessageByProcess", roles);
        report.put("jitMsPerMessage", perMessage(compilers, messages));
        report.put("jitMsPerMessageByProcess", compilerRoles);
        report.put("msPerMessageWithoutJit", perMessage(total - compilers, messages));
        return report;
    }

    static double perMessage(double seconds, long messages) {
        return round(messages > 0 ? seconds * 1000 / messages : 0);
    }

    /**
     * CPU seconds this process (the load tool: its sockets, JSON, latency records) has used so far; 0 where the JDK
     * cannot tell. Not the stack's cost, but it runs on the same cores, so a report says it beside the stack's.
     */
    static double loadToolSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(used -> used.toNanos() / 1e9).orElse(0.0);
    }

    /** CPU seconds each role used between two snapshots, in the order of {@code after}. */
    static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((role, seconds) -> used.put(role, Math.max(0, seconds - before.getOrDefault(role, 0.0))));
        return used;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private String role(Proc p, Long postmaster) {
        if (postmaster != null && (p.pid == postmaster || p.parent == postmaster)) {
            return POSTGRESQL;
        }
        if (!p.command.contains("java")) {
            return null;
        }
        if (p.command.contains("io.parley.localstack.LocalStack")) {
            return p.command.contains("-Dparley.home=" + home + " ") ? LOCAL_STACK : null;
        }
        for (String service : new String[]{COMMAND_API, QUERY_API, NOTIFICATION_HANDLER}) {
            if (p.command.contains(home + "/" + service + "/") && p.command.contains("/" + service + "-")
                    && p.command.contains(".jar")) {
                return service;
            }
        }
        return null;
    }

    private record Proc(long pid, long parent, long ticks, String command) {
    }

    private record Stat(String name, long parent, long ticks) {
    }

    private static Proc read(Path entry) {
        try {
            Stat stat = stat(entry);
            if (stat == null) {
                return null;
            }
            String command = Files.readString(entry.resolve("cmdline")).replace('\0', ' ');
            return new Proc(Long.parseLong(entry.getFileName().toString()), stat.parent, stat.ticks, command);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A process's or thread's {@code stat}: its name, parent and user + system clock ticks. */
    private static Stat stat(Path entry) {
        try {
            String stat = Files.readString(entry.resolve("stat"));
            // The command name in parentheses may hold spaces: the fields after it are counted from its end.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new Stat(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')), Long.parseLong(fields[1]),
                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
