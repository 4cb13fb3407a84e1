package io.parley.loadtest;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Push notifications end to end: U users in groups, each with an Android push device and never connected (so offline:
 * every message is a push job for every member but its sender), then a burst of N messages sent by the users in turn,
 * {@code concurrency} calls in flight. FCM is a stand-in on loopback ({@link FcmStandIn} on {@code --fcm-port}; the
 * stack must have been started with {@code PARLEY_FCM_URL} pointing there) that records every push. Reports the pushes
 * expected and received, duplicates, the push rate (from the first send to the last push) and send→push latency (from
 * the start of the send to the push reaching FCM), and the stack's CPU per message.
 */
final class PushScenario {

    private final ParleyApi api;
    private final int userCount;
    private final int groupSize;
    private final int burst;
    private final int concurrency;
    private final int setupConcurrency;
    private final int fcmPort;
    private final Duration drainLimit;
    private final int postgresPort;

    PushScenario(ParleyApi api, int userCount, int groupSize, int burst, int concurrency, int setupConcurrency,
                 int fcmPort, Duration drainLimit, int postgresPort) {
        Setup.requireWholeGroups(userCount, groupSize);
        this.api = api;
        this.userCount = userCount;
        this.groupSize = groupSize;
        this.burst = burst;
        this.concurrency = concurrency;
        this.setupConcurrency = setupConcurrency;
        this.fcmPort = fcmPort;
        this.drainLimit = drainLimit;
        this.postgresPort = postgresPort;
    }

    Map<String, Object> run() throws InterruptedException, IOException {
        try (FcmStandIn fcm = FcmStandIn.start(fcmPort)) {
            Progress.say("FCM stand-in at %s (the stack's PARLEY_FCM_URL must be this)", fcm.url());
            List<ParleyApi.User> users = Setup.users(api, userCount, setupConcurrency, "Push User");
            Setup.parallel("push devices registered", userCount, setupConcurrency, i -> api.post(users.get(i),
                    "/api/v1/users/me/devices", Map.of("token", "bench-device-" + i + "-" + UUID.randomUUID(),
                            "platform", "android")).expect(201));
            List<String> conversations = Setup.groups(api, Setup.inGroupsOf(users, groupSize), setupConcurrency,
                    "Push", new AtomicLong());
            long addedPushes = (long) conversations.size() * (groupSize - 1);
            if (!fcm.awaitDistinct(addedPushes, System.nanoTime() + drainLimit.toNanos())) {
                throw new BenchFailure("the \"added to a group\" pushes did not all reach the FCM stand-in: is the "
                        + "stack's PARLEY_FCM_URL " + fcm.url() + "?");
            }
            Progress.say("%,d groups of %d, every member offline with a device; sending a burst of %,d", conversations.size(),
                    groupSize, burst);

            ConcurrentMap<String, Long> sentAt = new ConcurrentHashMap<>();
            ConcurrentMap<String, AtomicLong> errors = new ConcurrentHashMap<>();
            Latencies sendLatency = new Latencies();
            AtomicLong sent = new AtomicLong();
            Semaphore permits = new Semaphore(concurrency);
            ProcessCpu cpu = ProcessCpu.ofThisMachine(postgresPort);
            Map<String, Double> cpuBefore = cpu.snapshot();
            Map<String, Double> compilersBefore = cpu.compilerSnapshot();
            long startNanos = System.nanoTime();
            try (Progress progress = Progress.counting("sends answered", sent, burst);
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int n = 0; n < burst; n++) {
                    permits.acquire();
                    int index = n;
                    pool.execute(() -> {
                        try {
                            long start = System.nanoTime();
                            ParleyApi.Reply reply = api.post(users.get(index % userCount), "/api/v1/conversations/"
                                    + conversations.get((index % userCount) / groupSize) + "/messages", Map.of(
                                    "clientMessageId", UUID.randomUUID().toString(), "text", "push bench " + index));
                            sendLatency.add(reply.nanos());
                            if (reply.status() == 201) {
                                sentAt.put(reply.body().path("messageId").asString(), start);
                            } else {
                                errors.computeIfAbsent("HTTP " + reply.status(), k -> new AtomicLong()).incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
                        } finally {
                            sent.incrementAndGet();
                            permits.release();
                        }
                    });
                }
            }
            long sendsAnswered = System.nanoTime() - startNanos;
            long expected = addedPushes + (long) sentAt.size() * (groupSize - 1);
            boolean complete = fcm.awaitDistinct(expected, System.nanoTime() + drainLimit.toNanos());
            Map<String, Double> cpuAfter = cpu.snapshot();
            Map<String, Double> compilersAfter = cpu.compilerSnapshot();

            List<FcmStandIn.Push> pushes = fcm.pushes();
            List<Long> arrivals = fcm.arrivals();
            Latencies pushLatency = new Latencies();
            Set<FcmStandIn.Push> distinct = new HashSet<>();
            long messagePushes = 0;
            long duplicates = 0;
            long lastPush = startNanos;
            for (int i = 0; i < pushes.size(); i++) {
                FcmStandIn.Push push = pushes.get(i);
                if (!distinct.add(push)) {
                    duplicates++;
                    continue;
                }
                Long start = push.messageId() == null ? null : sentAt.get(push.messageId());
                if (start != null) {
                    messagePushes++;
                    pushLatency.add(arrivals.get(i) - start);
                    lastPush = Math.max(lastPush, arrivals.get(i));
                }
            }
            double seconds = (lastPush - startNanos) / 1e9;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("mode", "burst");
            result.put("users", userCount);
            result.put("groups", conversations.size());
            result.put("groupSize", groupSize);
            result.put("pushesPerMessage", groupSize - 1);
            result.put("burst", burst);
            result.put("concurrency", concurrency);
            result.put("sendsOk", sentAt.size());
            result.put("sendErrors", errors.values().stream().mapToLong(AtomicLong::get).sum());
            result.put("sendErrorsByKind", errors);
            result.put("sendLatency", sendLatency.summary());
            result.put("expectedMessagePushes", (long) sentAt.size() * (groupSize - 1));
            result.put("messagePushes", messagePushes);
            result.put("waitForPushes", complete ? "complete" : "stopped after --drain-limit " + drainLimit);
            result.put("duplicatePushes", duplicates);
            result.put("pushLatency", pushLatency.summary());
            result.put("secondsUntilLastSendAnswered", Math.round(sendsAnswered / 1e6) / 1000.0);
            result.put("secondsUntilLastPush", Math.round(seconds * 1000) / 1000.0);
            result.put("pushesPerSecond", seconds > 0 ? Math.round(messagePushes / seconds) : 0);
            result.put("cpu", ProcessCpu.perMessage(cpuBefore, cpuAfter, compilersBefore, compilersAfter,
                    sentAt.size()));
            Progress.say("%,d of %,d pushes in %.1f s (%,d/s), %d duplicates; send->push p50 %s ms, p99 %s ms",
                    messagePushes, (long) sentAt.size() * (groupSize - 1), seconds, result.get("pushesPerSecond"),
                    duplicates, pushLatency.summary().get("p50Ms"), pushLatency.summary().get("p99Ms"));
            return result;
        }
    }
}
