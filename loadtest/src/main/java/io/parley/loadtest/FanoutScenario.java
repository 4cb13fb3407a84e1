package io.parley.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.springframework.messaging.simp.stomp.StompSession;
import tools.jackson.databind.JsonNode;

/**
 * U users in groups of {@code groupSize}, each user with one socket subscribed to its group's messages; messages
 * are sent over REST by the users in turn, either at a fixed rate R, open-loop (the schedule never waits for a
 * reply: a send that starts more than 10 ms after its slot counts as a late start, and latency is measured from the
 * slot, so a slow server cannot hide its delay), or as a burst of N messages as fast as {@code concurrency} calls
 * in flight allow. Every delivery is checked off per (conversation, seq, recipient): losses and duplicates are
 * counted, and send→deliver latency is measured to every member, the sender's own socket included.
 */
final class FanoutScenario {

    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ParleyApi api;
    private final int userCount;
    private final int groupSize;
    private final double rate;
    private final Duration duration;
    private final int burst;
    private final int concurrency;
    private final int maxInFlight;
    private final int setupConcurrency;
    private final Duration drainTimeout;
    private final Duration drainLimit;
    private final int postgresPort;
    private String drainEnd;

    /** One member's socket and what it received, by seq. */
    private static final class Receiver {
        private final BitSet seen = new BitSet();
        private long lastSeq;
    }

    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong lastDeliveryAt = new AtomicLong();
    private final Latencies latency = new Latencies();
    private final ConcurrentMap<Integer, Latencies> perSecond = new ConcurrentHashMap<>();
    private long startNanos;
    private AtomicLongArray slotNanos;

    FanoutScenario(ParleyApi api, int userCount, int groupSize, double rate, Duration duration, int burst,
                   int concurrency, int maxInFlight, int setupConcurrency, Duration drainTimeout, Duration drainLimit,
                   int postgresPort) {
        Setup.requireWholeGroups(userCount, groupSize);
        this.api = api;
        this.userCount = userCount;
        this.groupSize = groupSize;
        this.rate = rate;
        this.duration = duration;
        this.burst = burst;
        this.concurrency = concurrency;
        this.maxInFlight = maxInFlight;
        this.setupConcurrency = setupConcurrency;
        this.drainTimeout = drainTimeout;
        this.drainLimit = drainLimit;
        this.postgresPort = postgresPort;
    }

    Map<String, Object> run() throws InterruptedException {
        int total = burst > 0 ? burst : (int) Math.round(rate * duration.toNanos() / 1e9);
        double perUserPerSecond = burst > 0 ? 0 : rate / userCount;
        double perUser = (double) total / userCount;
        if (perUserPerSecond > 10 || perUser > 600) {
            Progress.say("warning: %.1f sends/s and %.0f sends per user exceed the default write limit (600 a minute, "
                    + "bursts of 600): add users or raise PARLEY_RATELIMITS_WRITESPERUSER_CAPACITY", perUserPerSecond,
                    perUser);
        }
        List<ParleyApi.User> users = Setup.users(api, userCount, setupConcurrency, "Fanout User");
        int groups = userCount / groupSize;
        AtomicLong position = new AtomicLong();
        List<String> conversations = Setup.groups(api, Setup.inGroupsOf(users, groupSize), setupConcurrency, "Fanout",
                position);

        Receiver[] receivers = new Receiver[userCount];
        slotNanos = new AtomicLongArray(total);
        try (LiveSockets live = new LiveSockets(api.queryUrl())) {
            AtomicLong subscribeRetries = new AtomicLong();
            List<StompSession> sockets = Setup.sockets(live, users.stream().map(ParleyApi.User::accessToken).toList(),
                    setupConcurrency, subscribeRetries, (u, session) -> {
                        Receiver receiver = new Receiver();
                        receivers[u] = receiver;
                        return LiveSockets.subscribe(session,
                                "/topic/conversations/" + conversations.get(u / groupSize) + "/messages",
                                frame -> received(receiver, frame),
                                "since-seq", "0", "X-Min-Position", Long.toString(position.get()));
                    });
            Progress.say("%,d sockets subscribed to %,d groups of %d; %s", sockets.size(), groups, groupSize,
                    burst > 0 ? "sending a burst of " + burst : "sending %.0f msg/s for %s".formatted(rate, duration));

            AtomicLongArray seqOf = new AtomicLongArray(total);
            ConcurrentMap<String, AtomicLong> errors = new ConcurrentHashMap<>();
            Latencies sendLatency = new Latencies();
            AtomicLong sent = new AtomicLong();
            AtomicLong late = new AtomicLong();
            AtomicLong maxLateNanos = new AtomicLong();
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger mostInFlight = new AtomicInteger();
            // Open-loop, but not without bound: beyond maxInFlight calls the server only queues them anyway. A slot
            // that waits for a free call is a late start, and its latency still counts from the slot.
            Semaphore permits = new Semaphore(burst > 0 ? concurrency : maxInFlight);
            long periodNanos = burst > 0 ? 0 : (long) (1e9 / rate);
            ProcessCpu cpu = ProcessCpu.ofThisMachine(postgresPort);
            Map<String, Double> cpuBefore = cpu.snapshot();
            Map<String, Double> compilersBefore = cpu.compilerSnapshot();
            double toolBefore = ProcessCpu.loadToolSeconds();
            startNanos = System.nanoTime();
            try (Progress progress = Progress.fanout(sent, deliveries, total, (long) total * groupSize);
                 ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int n = 0; n < total; n++) {
                    permits.acquire();
                    long slot = startNanos + n * periodNanos;
                    long now = System.nanoTime();
                    if (slot > now) {
                        LockSupport.parkNanos(slot - now);
                    } else if (burst == 0 && now - slot > LATE_NANOS) {
                        late.incrementAndGet();
                        maxLateNanos.accumulateAndGet(now - slot, Math::max);
                    }
                    int index = n;
                    // Latency counts from the slot (open-loop), or from the moment a burst send starts.
                    slotNanos.set(index, burst > 0 ? System.nanoTime() : slot);
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    pool.execute(() -> {
                        try {
                            ParleyApi.User sender = users.get(index % userCount);
                            String conversation = conversations.get((index % userCount) / groupSize);
                            ParleyApi.Reply reply = api.post(sender, "/api/v1/conversations/" + conversation
                                    + "/messages", Map.of("clientMessageId", UUID.randomUUID().toString(),
                                    "text", "bench " + index));
                            sendLatency.add(reply.nanos());
                            if (reply.status() == 201) {
                                seqOf.set(index, reply.body().path("seq").asLong());
                            } else {
                                errors.computeIfAbsent("HTTP " + reply.status(), k -> new AtomicLong()).incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
                                    .incrementAndGet();
                        } finally {
                            sent.incrementAndGet();
                            inFlight.decrementAndGet();
                            permits.release();
                        }
                    });
                }
                long sendingNanos = System.nanoTime() - startNanos;
                pool.shutdown();
                pool.awaitTermination(5, TimeUnit.MINUTES);
                Progress.say("all %,d sends dispatched in %.1f s and answered", total, sendingNanos / 1e9);
            }
            long sendsAnswered = System.nanoTime() - startNanos;

            long ok = 0;
            for (int n = 0; n < total; n++) {
                ok += seqOf.get(n) > 0 ? 1 : 0;
            }
            long expected = ok * groupSize;
            long lastDelivery = drain(() -> missing(seqOf, receivers));
            Map<String, Double> cpuAfter = cpu.snapshot();
            Map<String, Double> compilersAfter = cpu.compilerSnapshot();
            double toolAfter = ProcessCpu.loadToolSeconds();
            long lost = missing(seqOf, receivers);
            long ofUnknownSends = deliveries.get() - (expected - lost);
            long duplicateCount = duplicates.get();

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("mode", burst > 0 ? "burst" : "rate");
            result.put("users", userCount);
            result.put("groups", groups);
            result.put("groupSize", groupSize);
            result.put("recipientsPerMessage", groupSize);
            if (burst > 0) {
                result.put("burst", burst);
                result.put("concurrency", concurrency);
            } else {
                result.put("targetRatePerSecond", rate);
                result.put("maxInFlightAllowed", maxInFlight);
                result.put("durationSeconds", duration.toMillis() / 1000.0);
                result.put("lateStarts", late.get());
                result.put("maxLateStartMs", Math.round(maxLateNanos.get() / 1e4) / 100.0);
            }
            result.put("sends", total);
            result.put("sendsOk", ok);
            result.put("sendErrors", errors.values().stream().mapToLong(AtomicLong::get).sum());
            result.put("sendErrorsByKind", errors);
            result.put("maxSendsInFlight", mostInFlight.get());
            result.put("sendLatency", sendLatency.summary());
            result.put("expectedDeliveries", expected);
            result.put("deliveries", deliveries.get());
            // Missing when the wait ended: lost, or (when the wait was cut short) not delivered in time.
            result.put("lost", lost);
            result.put("waitForDeliveries", drainEnd);
            result.put("duplicates", duplicateCount);
            result.put("outOfOrder", outOfOrder.get());
            // Deliveries of sends whose reply was an error or never came (a timed-out send may still be written).
            result.put("deliveriesOfFailedSends", ofUnknownSends);
            result.put("deliveriesNotFromThisRun", foreign.get());
            result.put("deliveryLatency", latency.summary());
            double lastSeconds = (lastDelivery - startNanos) / 1e9;
            result.put("secondsUntilLastDelivery", Math.round(lastSeconds * 1000) / 1000.0);
            result.put("secondsUntilLastSendAnswered", Math.round(sendsAnswered / 1e6) / 1000.0);
            result.put("deliveriesPerSecond", lastSeconds > 0 ? Math.round(deliveries.get() / lastSeconds) : 0);
            result.put("socketErrorFrames", live.errorFrames.get());
            result.put("socketsLost", live.lost.get());
            // Subscriptions refused at setup with POSITION_NOT_REACHED (read side behind) and made again.
            result.put("subscribeRetries", subscribeRetries.get());
            // From the first send until every delivery arrived (or the drain gave up): the stack's CPU per message.
            Map<String, Object> cpuUsed = ProcessCpu.perMessage(cpuBefore, cpuAfter, compilersBefore, compilersAfter, ok);
            // The load tool's own CPU over the same window: not in the stack's total, but on the same cores.
            cpuUsed.put("loadToolMsPerMessage", ProcessCpu.perMessage(toolAfter - toolBefore, ok));
            result.put("cpu", cpuUsed);
            result.put("timeline", timeline());
            live.disconnectAll(sockets);
            Progress.say("delivery latency p50 %s ms, p99 %s ms, max %s ms; %,d deliveries, %d lost, %d duplicates",
                    latency.summary().get("p50Ms"), latency.summary().get("p99Ms"), latency.summary().get("maxMs"),
                    deliveries.get(), lost, duplicateCount);
            return result;
        }
    }

    /** A MESSAGE frame on a member's socket: checked off by seq, its latency measured from its send's slot. */
    private void received(Receiver receiver, JsonNode frame) {
        long now = System.nanoTime();
        if (!"message.created".equals(frame.path("type").asString())) {
            return;
        }
        JsonNode message = frame.path("message");
        long seq = message.path("seq").asLong();
        synchronized (receiver) {
            if (receiver.seen.get((int) seq)) {
                duplicates.incrementAndGet();
                return;
            }
            receiver.seen.set((int) seq);
            if (seq < receiver.lastSeq) {
                outOfOrder.incrementAndGet();
            }
            receiver.lastSeq = Math.max(receiver.lastSeq, seq);
        }
        deliveries.incrementAndGet();
        lastDeliveryAt.accumulateAndGet(now, Math::max);
        String text = message.path("text").asString("");
        if (!text.startsWith("bench ")) {
            foreign.incrementAndGet();
            return;
        }
        int index = Integer.parseInt(text.substring("bench ".length()));
        if (index >= slotNanos.length()) {
            foreign.incrementAndGet();
            return;
        }
        long nanos = now - slotNanos.get(index);
        latency.add(nanos);
        perSecond.computeIfAbsent((int) ((now - startNanos) / 1_000_000_000L), s -> new Latencies()).add(nanos);
    }

    /**
     * Waits until nothing is missing any more, or nothing arrived for the drain timeout; answers when the last
     * delivery arrived.
     */
    private long drain(LongSupplier missing) throws InterruptedException {
        long seen = deliveries.get();
        long progressAt = System.nanoTime();
        long limitAt = System.nanoTime() + drainLimit.toNanos();
        long left = missing.getAsLong();
        drainEnd = "complete";
        while (left > 0 && System.nanoTime() - progressAt < drainTimeout.toNanos() && System.nanoTime() < limitAt) {
            // A look every 50 ms: signalling from each delivery would put a lock on the path being measured.
            Thread.sleep(50);
            long now = deliveries.get();
            if (now != seen) {
                seen = now;
                progressAt = System.nanoTime();
            }
            left = missing.getAsLong();
        }
        if (left > 0) {
            drainEnd = System.nanoTime() >= limitAt ? "stopped after --drain-limit " + drainLimit
                    : "stopped after --drain-timeout " + drainTimeout + " without a delivery";
            Progress.say("%s: %,d deliveries missing", drainEnd, left);
        }
        return deliveries.get() == 0 ? startNanos : lastDeliveryAt.get();
    }

    /** Deliveries of successful sends that some member has not received (yet). */
    private long missing(AtomicLongArray seqOf, Receiver[] receivers) {
        long missing = 0;
        for (int n = 0; n < seqOf.length(); n++) {
            long seq = seqOf.get(n);
            if (seq > 0) {
                int group = (n % userCount) / groupSize;
                for (int m = group * groupSize; m < (group + 1) * groupSize; m++) {
                    synchronized (receivers[m]) {
                        missing += receivers[m].seen.get((int) seq) ? 0 : 1;
                    }
                }
            }
        }
        return missing;
    }

    private List<Map<String, Object>> timeline() {
        List<Map<String, Object>> points = new ArrayList<>();
        int last = perSecond.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (int second = 0; second <= last; second++) {
            Latencies bucket = perSecond.get(second);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("second", second + 1);
            if (bucket == null) {
                point.put("deliveries", 0);
            } else {
                Map<String, Object> summary = bucket.summary();
                point.put("deliveries", summary.get("samples"));
                point.put("p50Ms", summary.get("p50Ms"));
                point.put("p99Ms", summary.get("p99Ms"));
            }
            points.add(point);
        }
        return points;
    }
}
