package io.parley.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * {@code ./parley rebuild <projection>|--all [--option value …]}: starts a rebuild through query-api's admin API
 * ({@code POST /api/v1/admin/projections/{name}/rebuild}, or {@code …/projections/rebuild} for every projection),
 * then draws its progress from {@code GET /api/v1/admin/projections} until it switches: events done of the total,
 * the rate and the time left. Acts as the admin account {@code ./parley bench rebuild} uses ({@link Admins}).
 * Exit status: 0 switched, 1 refused or failed, 2 bad usage.
 */
public final class Rebuild {

    static final String USAGE = """
            Usage: ./parley rebuild <projection>|--all [--admin-email E] [--admin-password P] [--poll 500ms] [--timeout 60m]""";

    private static final String PROJECTIONS = "/api/v1/admin/projections";
    private static final int WIDTH = 30;

    private Rebuild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.err.println(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        try {
            Map<String, String> options = Bench.options(Arrays.copyOfRange(args, 1, args.length));
            String target = args[0];
            if (target.startsWith("-") && !target.equals("--all")) {
                throw new IllegalArgumentException("a projection name or --all first\n" + USAGE);
            }
            ParleyApi api = new ParleyApi(options.getOrDefault("command-url", "http://127.0.0.1:8081"),
                    options.getOrDefault("query-url", "http://127.0.0.1:8082"));
            boolean switched = run(api, target.equals("--all") ? null : target,
                    options.getOrDefault("admin-email", "bench-admin@parley.local"),
                    options.getOrDefault("admin-password", "bench-admin-password"),
                    Bench.duration(options.getOrDefault("poll", "500ms")),
                    Bench.duration(options.getOrDefault("timeout", "60m")));
            System.exit(switched ? 0 : 1);
        } catch (IllegalArgumentException e) {
            System.err.println("rebuild: " + e.getMessage());
            System.exit(2);
        } catch (BenchFailure | IllegalStateException e) {
            System.err.println("rebuild: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Starts the rebuild ({@code projection} null: every projection) and follows it; answers whether it switched. */
    static boolean run(ParleyApi api, String projection, String email, String password, Duration poll,
                       Duration timeout) throws InterruptedException {
        ParleyApi.User admin = Admins.logIn(api, email, password);
        ParleyApi.Reply started = api.postQuery(admin,
                projection == null ? PROJECTIONS + "/rebuild" : PROJECTIONS + "/" + projection + "/rebuild", Map.of());
        Admins.requireAdmin(started, email);
        if (started.status() != 202) {
            throw new BenchFailure("query-api answered " + started.status() + " "
                    + started.body().path("code").asString("") + ": " + started.body().path("detail").asString(
                    started.body().toString()));
        }
        // The rebuilds to follow, each by one projection that shows it.
        List<String[]> followed = new ArrayList<>();
        if (projection == null) {
            for (JsonNode rebuild : started.body().path("rebuilds")) {
                followed.add(new String[] {rebuild.path("projections").get(0).asString(),
                        rebuild.path("rebuildId").asString()});
                Progress.say("rebuild %s of every projection of %s started: %s", rebuild.path("rebuildId").asString(),
                        rebuild.path("processor").asString(), rebuild.path("projections").valueStream()
                                .map(JsonNode::asString).toList());
            }
        } else {
            followed.add(new String[] {projection, started.body().path("rebuildId").asString()});
            Progress.say("rebuild %s of %s started", started.body().path("rebuildId").asString(), projection);
        }
        boolean terminal = System.console() != null;
        long startedAt = System.nanoTime();
        long lastLine = 0;
        long lastDone = -1;
        long lastNanos = startedAt;
        double rate = 0;
        while (true) {
            // The admin API reports progress when asked: it is asked every --poll.
            Thread.sleep(poll);
            JsonNode statuses = api.get(admin, PROJECTIONS, null).expect(200).body();
            long done = 0;
            long total = 0;
            int finished = 0;
            List<String> failed = new ArrayList<>();
            for (String[] rebuild : followed) {
                JsonNode status = rebuildOf(statuses, rebuild[0]);
                if (!rebuild[1].equals(status.path("rebuildId").asString())) {
                    throw new BenchFailure("another rebuild of " + rebuild[0] + " replaced " + rebuild[1]);
                }
                done += status.path("position").asLong();
                total += status.path("headPosition").asLong();
                String state = status.path("state").asString();
                if (!state.equals("RUNNING")) {
                    finished++;
                }
                if (state.equals("FAILED")) {
                    failed.add(rebuild[1]);
                }
            }
            long now = System.nanoTime();
            if (lastDone >= 0 && now > lastNanos) {
                double recent = (done - lastDone) / ((now - lastNanos) / 1e9);
                // Smoothed over a few polls, so the time left does not jump with every batch.
                rate = rate == 0 ? recent : 0.7 * rate + 0.3 * recent;
            }
            lastDone = done;
            lastNanos = now;
            if (finished == followed.size()) {
                // Done: the rate that counts is the whole rebuild's, not the last poll's.
                rate = done / Math.max(0.001, (now - startedAt) / 1e9);
            }
            String line = RebuildBar.render(done, total, rate, WIDTH);
            if (terminal) {
                System.out.print("\r" + line + "   ");
                System.out.flush();
            } else if (now - lastLine >= 2_000_000_000L || finished == followed.size()) {
                System.out.println(line);
                lastLine = now;
            }
            if (finished == followed.size()) {
                if (terminal) {
                    System.out.println();
                }
                double seconds = (now - startedAt) / 1e9;
                if (!failed.isEmpty()) {
                    Progress.say("rebuild %s FAILED: the live read models stay as they were (see query-api's log)",
                            String.join(", ", failed));
                    return false;
                }
                Progress.say("switched: %,d events in %.1f s (%,.0f events/s)", total, seconds,
                        seconds > 0 ? total / seconds : 0);
                return true;
            }
            if (now - startedAt > timeout.toNanos()) {
                throw new BenchFailure("the rebuild has not finished after " + timeout
                        + "; it goes on in query-api (GET " + PROJECTIONS + ")");
            }
        }
    }

    private static JsonNode rebuildOf(JsonNode statuses, String projection) {
        for (JsonNode status : statuses) {
            if (projection.equals(status.path("name").asString())) {
                return status.path("rebuild");
            }
        }
        throw new BenchFailure("no projection " + projection + " in GET " + PROJECTIONS);
    }
}
