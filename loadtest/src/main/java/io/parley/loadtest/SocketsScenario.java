package io.parley.loadtest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.messaging.simp.stomp.StompSession;

/**
 * N idle, authenticated sockets with heart-beats (10 s both ways), opened in steps; after each step query-api's
 * heap is measured after a full garbage collection: {@code jcmd <pid> GC.run} (what an operator on the machine
 * can run; the pid is {@code --query-pid} or the process listening on query-api's port), then
 * {@code jvm_memory_used_bytes{area="heap"}} and {@code jvm_gc_live_data_size_bytes} from
 * {@code /actuator/prometheus}. The growth per socket is the least-squares slope over the steps. Then the sockets
 * idle for {@code hold}, longer than two heart-beat periods, and the tool counts how many are still open.
 */
final class SocketsScenario {

    private static final Pattern HEAP_USED = Pattern.compile(
            "(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)");
    private static final Pattern LIVE_DATA = Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? ([0-9.eE+-]+)");
    private static final Pattern MAX_HEAP = Pattern.compile(
            "(?m)^jvm_memory_max_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)");

    private final ParleyApi api;
    private final int sockets;
    private final int socketsPerUser;
    private final int step;
    private final Duration hold;
    private final int setupConcurrency;
    private final Long queryPid;

    SocketsScenario(ParleyApi api, int sockets, int socketsPerUser, int step, Duration hold, int setupConcurrency,
                    Long queryPid) {
        this.api = api;
        this.sockets = sockets;
        this.socketsPerUser = socketsPerUser;
        this.step = step;
        this.hold = hold;
        this.setupConcurrency = setupConcurrency;
        this.queryPid = queryPid;
    }

    Map<String, Object> run() throws InterruptedException {
        Long pid = queryPid != null ? queryPid : pidListeningOn(URI.create(api.queryUrl()).getPort());
        if (pid == null) {
            Progress.say("query-api's pid not found (pass --query-pid): heap figures are without a forced GC");
        }
        int userCount = (sockets + socketsPerUser - 1) / socketsPerUser;
        List<ParleyApi.User> users = Setup.users(api, userCount, setupConcurrency, "Socket User");

        List<Map<String, Object>> steps = new ArrayList<>();
        List<StompSession> open = new ArrayList<>();
        try (LiveSockets live = new LiveSockets(api.queryUrl())) {
            steps.add(measure(pid, 0));
            while (open.size() < sockets) {
                int from = open.size();
                int to = Math.min(sockets, from + step);
                List<String> tokens = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    tokens.add(users.get(i / socketsPerUser).accessToken());
                }
                open.addAll(Setup.sockets(live, tokens, setupConcurrency, new AtomicLong(),
                        (i, session) -> CompletableFuture.completedFuture(null)));
                steps.add(measure(pid, open.size()));
            }
            Progress.say("%,d sockets open; holding them idle for %s (heart-beats every 10 s)", open.size(), hold);
            // The hold is the measurement: the sockets stay idle through heart-beats, then are counted.
            Thread.sleep(hold);
            long stillOpen = open.stream().filter(StompSession::isConnected).count();
            Map<String, Object> afterHold = measure(pid, open.size());

            double bytesPerSocket = slope(steps);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("sockets", sockets);
            result.put("users", userCount);
            result.put("socketsPerUser", socketsPerUser);
            result.put("heartbeatMs", 10_000);
            result.put("forcedGc", pid != null);
            result.put("holdSeconds", hold.toSeconds());
            result.put("openAfterHold", stillOpen);
            result.put("socketErrorFrames", live.errorFrames.get());
            result.put("socketsLost", live.lost.get());
            result.put("steps", steps);
            result.put("afterHold", afterHold);
            result.put("heapBytesPerSocket", Math.round(bytesPerSocket));
            result.put("heapMiBPer1000Sockets", Math.round(bytesPerSocket * 1000 / 1024 / 1024 * 100) / 100.0);
            result.put("idleSocketsPerGiBOfHeap", bytesPerSocket > 0 ? Math.round((1L << 30) / bytesPerSocket) : null);
            Progress.say("%,d sockets: %.0f bytes of heap each (%.2f MiB per 1,000): %s idle sockets per GiB; "
                    + "%,d still open after %s", sockets, bytesPerSocket, bytesPerSocket * 1000 / 1024 / 1024,
                    result.get("idleSocketsPerGiBOfHeap"), stillOpen, hold);
            live.disconnectAll(open);
            return result;
        }
    }

    private Map<String, Object> measure(Long pid, int open) throws InterruptedException {
        if (pid != null) {
            fullGc(pid);
        }
        String metrics = api.text("/actuator/prometheus");
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("sockets", open);
        point.put("heapUsedBytes", Math.round(sum(HEAP_USED, metrics)));
        point.put("liveDataBytes", Math.round(sum(LIVE_DATA, metrics)));
        point.put("heapMaxBytes", Math.round(sum(MAX_HEAP, metrics)));
        Progress.say("%,d sockets: heap after GC %,.1f MiB (live data %,.1f MiB)", open,
                ((Number) point.get("heapUsedBytes")).longValue() / 1048576.0,
                ((Number) point.get("liveDataBytes")).longValue() / 1048576.0);
        return point;
    }

    /** Least-squares slope of heap used over sockets open: bytes per socket. */
    static double slope(List<Map<String, Object>> points) {
        int n = points.size();
        if (n < 2) {
            return 0;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Map<String, Object> point : points) {
            double x = ((Number) point.get("sockets")).doubleValue();
            double y = ((Number) point.get("heapUsedBytes")).doubleValue();
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    private static double sum(Pattern pattern, String metrics) {
        Matcher matcher = pattern.matcher(metrics);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    /** {@code jcmd <pid> GC.run}: a full collection, as the JDK's own tool does it. */
    private static void fullGc(long pid) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new BenchFailure("jcmd " + pid + " GC.run failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new BenchFailure("cannot run " + jcmd + ": " + e.getMessage());
        }
    }

    /** The pid of the local process listening on {@code port}, from {@code ss -ltnp}; null if not found. */
    private static Long pidListeningOn(int port) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            Matcher pid = Pattern.compile("pid=(\\d+)").matcher(output);
            return pid.find() ? Long.parseLong(pid.group(1)) : null;
        } catch (IOException noSs) {
            return null;
        }
    }
}
