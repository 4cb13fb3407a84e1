package io.parley.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        String scenario = args[0];
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        ParleyApi api = new ParleyApi(options.getOrDefault("command-url", "http://127.0.0.1:8081"),
                options.getOrDefault("query-url", "http://127.0.0.1:8082"));
        Map<String, Object> result = switch (scenario) {
            case "history" -> new HistoryScenario(api,
                    Arrays.stream(options.getOrDefault("checkpoints", "1000,10000,100000").split(","))
                            .map(String::strip).map(Long::parseLong).sorted().toList(),
                    Integer.parseInt(options.getOrDefault("writers", "8")),
                    Integer.parseInt(options.getOrDefault("members", "64")),
                    Integer.parseInt(options.getOrDefault("samples", "200"))).run();
            default -> {
                usage();
                System.exit(2);
                yield null;
            }
        };
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", scenario);
        report.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.put("options", options);
        report.put("machine", machine());
        report.put("result", result);
        Path out = Path.of(options.getOrDefault("out-dir", "loadtest/target/bench"));
        Files.createDirectories(out);
        Path file = out.resolve(scenario + "-" + Instant.now().getEpochSecond() + ".json");
        Files.writeString(file, ParleyApi.json(report));
        System.out.println(ParleyApi.json(result));
        Progress.say("report written to %s", file);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
                System.exit(2);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
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
        System.err.println(String.join("\n", List.of(
                "Usage: ./parley bench <scenario> [--option value ...]   (against a running ./parley up)",
                "  history   one conversation grows; send and history-page latency at each checkpoint",
                "            --checkpoints 1000,10000,100000  --writers 8  --members 64  --samples 200",
                "common:     --command-url http://127.0.0.1:8081  --query-url http://127.0.0.1:8082",
                "            --out-dir loadtest/target/bench")));
    }
}
