package io.parley.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./parley bench <scenario> [--option value …]} against a running Parley ({@code ./parley up}); prints
 * progress and a summary, and writes the full result as JSON.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            usage();
            System.exit(2);
        }
        try {
            run(args);
            System.exit(0);
        } catch (BenchFailure | IllegalArgumentException e) {
            System.err.println("bench " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs one scenario ({@code args[0]}) with its options and writes the report as JSON and as an HTML page next
     * to it; answers the JSON file. A scenario that cannot run throws {@link BenchFailure}.
     */
    public static Path run(String... args) throws Exception {
        String scenario = args[0];
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        String loadBefore = loadAverage();
        ParleyApi api = new ParleyApi(options.getOrDefault("command-url", "http://127.0.0.1:8081"),
                options.getOrDefault("query-url", "http://127.0.0.1:8082"));
        Map<String, Object> result = switch (scenario) {
            case "fanout" -> new FanoutScenario(api,
                    integer(options, "users", 100),
                    integer(options, "group-size", 10),
                    Double.parseDouble(options.getOrDefault("rate", "100")),
                    duration(options.getOrDefault("duration", "30s")),
                    integer(options, "burst", 0),
                    integer(options, "concurrency", 32),
                    integer(options, "max-in-flight", 200),
                    integer(options, "setup-concurrency", 8),
                    duration(options.getOrDefault("drain-timeout", "30s")),
                    duration(options.getOrDefault("drain-limit", "10m")),
                    integer(options, "postgres-port", 15432)).run();
            case "push" -> new PushScenario(api,
                    integer(options, "users", 20),
                    integer(options, "group-size", 10),
                    integer(options, "burst", 1000),
                    integer(options, "concurrency", 16),
                    integer(options, "setup-concurrency", 8),
                    integer(options, "fcm-port", 18099),
                    duration(options.getOrDefault("drain-limit", "5m")),
                    integer(options, "postgres-port", 15432)).run();
            case "sockets" -> new SocketsScenario(api,
                    integer(options, "sockets", 2000),
                    integer(options, "sockets-per-user", 10),
                    integer(options, "step", 1000),
                    duration(options.getOrDefault("hold", "25s")),
                    integer(options, "setup-concurrency", 16),
                    options.containsKey("query-pid") ? Long.valueOf(options.get("query-pid")) : null).run();
            case "history" -> new HistoryScenario(api,
                    Arrays.stream(options.getOrDefault("checkpoints", "1000,10000,100000").split(","))
                            .map(String::strip).map(Long::parseLong).sorted().toList(),
                    integer(options, "writers", 8),
                    integer(options, "members", 64),
                    integer(options, "samples", 200),
                    integer(options, "image-every", 0)).run();
            case "attachments" -> new AttachmentScenario(api,
                    integer(options, "files", 40),
                    integer(options, "size-kb", 1024),
                    integer(options, "concurrency", 4)).run();
            case "idle" -> new IdleScenario(duration(options.getOrDefault("duration", "60s")),
                    integer(options, "postgres-port", 15432)).run();
            case "rebuild" -> new RebuildScenario(api,
                    options.getOrDefault("projection", "message-view"),
                    options.getOrDefault("admin-email", "bench-admin@parley.local"),
                    options.getOrDefault("admin-password", "bench-admin-password"),
                    duration(options.getOrDefault("poll", "500ms")),
                    duration(options.getOrDefault("timeout", "60m"))).run();
            default -> throw new IllegalArgumentException("unknown scenario " + scenario + "\n" + USAGE);
        };
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", scenario);
        report.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.put("command", "./parley bench " + String.join(" ", args));
        report.put("options", options);
        Map<String, Object> machine = machine();
        // The machine may be shared (other builds, tests): its load before and after the run says how much.
        machine.put("loadAverageBefore", loadBefore);
        machine.put("loadAverageAfter", loadAverage());
        report.put("machine", machine);
        report.put("result", result);
        Path out = Path.of(options.getOrDefault("out-dir", "loadtest/target/bench"));
        Files.createDirectories(out);
        String name = scenario + "-" + Instant.now().toEpochMilli();
        Path file = out.resolve(name + ".json");
        Files.writeString(file, ParleyApi.json(report));
        Path page = out.resolve(name + ".html");
        Files.writeString(page, HtmlReport.render(report));
        // The result JSON on standard output is this command-line tool's answer (the report files hold it too).
        System.out.println(ParleyApi.json(result));
        Progress.say("report written to %s and %s", file, page);
        return file;
    }

    private static int integer(Map<String, String> options, String name, int otherwise) {
        String value = options.get(name);
        try {
            return value == null ? otherwise : Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
        }
    }

    /** 30s, 2m, 500ms, 1h, or plain seconds. */
    static Duration duration(String value) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration: " + value + " (e.g. 30s, 2m, 500ms)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options come as --name value pairs\n" + USAGE);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Map<String, Object> machine() throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            machine.put("memory", Files.readAllLines(meminfo).getFirst().replaceAll("\\s+", " "));
        }
        return machine;
    }

    private static void usage() {
        System.err.println(USAGE);
    }

    private static final String USAGE = String.join("\n", List.of(
            "Usage: ./parley bench <scenario> [--option value ...]   (against a running ./parley up)",
            "  fanout    users in groups, one socket each; REST sends at a fixed rate (open-loop) or a burst;",
            "            send->deliver latency to every member, deliveries/s, losses and duplicates",
            "            --users 100 --group-size 10 --rate 100 --duration 30s | --burst 1000 --concurrency 32",
            "            --max-in-flight 200 --drain-timeout 30s --drain-limit 10m --postgres-port 15432",
            "            (reports the stack's CPU per message per process from /proc; PostgreSQL found by its port;",
            "            and the load tool's own, not in the total: cpu.loadToolMsPerMessage)",
            "  push      users in groups, each offline with a push device; a burst of messages, each pushed to every",
            "            member but its sender through an FCM stand-in; pushes/s, send->push latency, duplicates",
            "            --users 20 --group-size 10 --burst 1000 --concurrency 16 --fcm-port 18099 --drain-limit 5m",
            "            (start the stack with PARLEY_FCM_URL=http://127.0.0.1:18099)",
            "  sockets   idle authenticated sockets with heart-beats; query-api heap after GC per 1,000 sockets",
            "            --sockets 2000 --sockets-per-user 10 --step 1000 --hold 25s [--query-pid <pid>]",
            "  history   one conversation grows; send and history-page latency at each checkpoint",
            "            --checkpoints 1000,10000,100000  --writers 8  --members 64  --samples 200",
            "            --image-every 0 (n > 0: every n-th message carries a small PNG, uploaded first)",
            "  attachments  uploads and downloads files through the API; MB/s each way, latency per file",
            "            --files 40  --size-kb 1024  --concurrency 4",
            "  idle      nothing sent: the share of the machine's CPU the stack's processes use, from /proc",
            "            --duration 60s --postgres-port 15432",
            "  rebuild   rebuilds a projection through the admin API and times it (events/s)",
            "            --projection message-view --admin-email bench-admin@parley.local --admin-password ...",
            "            (the account must be listed in PARLEY_ADMIN_EMAILS of command-api when it registers)",
            "common:     --command-url http://127.0.0.1:8081  --query-url http://127.0.0.1:8082",
            "            --setup-concurrency 8  --out-dir loadtest/target/bench",
            "  web-open  (./parley runs it with Node.js, not this tool) the web app in Chromium: a conversation of",
            "            --sizes 10,10000 messages opened --opens 20 times by page load and by a click in the inbox;",
            "            newest message on screen p50/p90/max, DOM size (./parley help bench)"));
}
