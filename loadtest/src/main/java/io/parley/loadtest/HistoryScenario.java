package io.parley.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One conversation grows to a long history; at each checkpoint (e.g. 1k, 10k, 100k messages) it measures how
 * long one more message takes to send, and how long a page of history takes to read (the newest page, and a
 * page at a random depth). Whether a long-lived conversation gets slower is the question.
 */
final class HistoryScenario {

    private final ParleyApi api;
    private final List<Long> checkpoints;
    private final int writers;
    private final int members;
    private final int samples;
    private final int imageEvery;
    private final byte[] image = SmallImage.png(64, 48);
    private final AtomicLong images = new AtomicLong();
    private final AtomicLong position = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    /** {@code imageEvery}: every n-th message of the fill carries a small PNG (uploaded first); 0 for none. */
    HistoryScenario(ParleyApi api, List<Long> checkpoints, int writers, int members, int samples, int imageEvery) {
        this.api = api;
        this.checkpoints = checkpoints;
        this.writers = writers;
        this.members = members;
        this.samples = samples;
        this.imageEvery = imageEvery;
    }

    Map<String, Object> run() throws InterruptedException {
        // Many senders: each user may write 600 messages a minute (docs/api.md), so the fill spreads over the group.
        List<ParleyApi.User> group = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            group.add(api.signUp("Bench Member " + i));
        }
        ParleyApi.User owner = group.getFirst();
        String conversationId = api.post(owner, "/api/v1/conversations/groups", Map.of("name", "History bench",
                        "memberIds", group.subList(1, group.size()).stream().map(ParleyApi.User::userId).toList()))
                .expect(201).body().path("conversationId").asString();
        String messages = "/api/v1/conversations/" + conversationId + "/messages";
        Progress.say("conversation %s with %d members created; filling to %s messages with %d writers",
                conversationId, members, checkpoints.getLast(), writers);

        List<Map<String, Object>> points = new ArrayList<>();
        long history = 0;
        for (long checkpoint : checkpoints) {
            long started = System.nanoTime();
            // The owner only measures, so its own write allowance is intact when it does.
            long added = fill(group.subList(1, group.size()), messages, checkpoint - history);
            double seconds = (System.nanoTime() - started) / 1e9;
            history += added;
            awaitReadModels(owner, messages);

            Latencies send = new Latencies();
            for (int i = 0; i < samples; i++) {
                send.add(send(owner, messages).nanos());
            }
            history += samples;
            awaitReadModels(owner, messages);
            Latencies newestPage = new Latencies();
            Latencies deepPage = new Latencies();
            for (int i = 0; i < samples; i++) {
                newestPage.add(api.get(owner, messages, null).expect(200).nanos());
                long before = ThreadLocalRandom.current().nextLong(2, history + 1);
                deepPage.add(api.get(owner, messages + "?beforeSeq=" + before + "&limit=50", null).expect(200).nanos());
            }

            Map<String, Object> point = new LinkedHashMap<>();
            point.put("historyMessages", checkpoint);
            point.put("fillMessagesPerSecond", seconds > 0 ? Math.round(added / seconds) : null);
            point.put("sendOneMore", send.summary());
            point.put("newestPage", newestPage.summary());
            point.put("pageAtRandomDepth", deepPage.summary());
            points.add(point);
            Progress.say("at %,d messages: send p50 %s ms p99 %s ms; newest page p50 %s ms; deep page p50 %s ms",
                    checkpoint, send.summary().get("p50Ms"), send.summary().get("p99Ms"),
                    newestPage.summary().get("p50Ms"), deepPage.summary().get("p50Ms"));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("conversationId", conversationId);
        result.put("writers", writers);
        result.put("members", members);
        result.put("samplesPerPoint", samples);
        result.put("fillRetries", retries.get());
        result.put("imageEvery", imageEvery);
        result.put("imagesSent", images.get());
        result.put("points", points);
        return result;
    }

    /** Sends {@code count} messages, the group's members in turn, {@code writers} at a time; returns how many. */
    private long fill(List<ParleyApi.User> group, String path, long count) throws InterruptedException {
        if (count <= 0) {
            return 0;
        }
        AtomicLong next = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        try (Progress progress = Progress.counting("sent", sent, count);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < writers; w++) {
                pool.submit(() -> {
                    for (long n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        fillOne(group.get((int) (n % group.size())), path, imageEvery > 0 && n % imageEvery == 0);
                        sent.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        return sent.get();
    }

    /**
     * One message of a long fill: a 429 waits as its {@code Retry-After} says and a failed call is tried again (a
     * few times), so a fill of hours does not end on one refused or lost request. The same clientMessageId makes
     * the retry idempotent.
     */
    private void fillOne(ParleyApi.User sender, String path, boolean withImage) throws InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientMessageId", UUID.randomUUID().toString());
        body.put("text", "bench message " + UUID.randomUUID());
        if (withImage) {
            String conversationId = path.split("/")[4];
            body.put("attachmentIds", List.of(api.upload(sender, conversationId, "bench.png", image).expect(201)
                    .body().path("attachmentId").asString()));
            images.incrementAndGet();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                ParleyApi.Reply reply = api.post(sender, path, body);
                if (reply.status() == 429) {
                    // The write limit per user: wait as long as the server's Retry-After says, then send again.
                    Thread.sleep(Duration.ofSeconds(Math.max(1, reply.retryAfterSeconds())));
                    continue;
                }
                reply.expect(200, 201);
                if (reply.position() != null) {
                    position.accumulateAndGet(Long.parseLong(reply.position()), Math::max);
                }
                return;
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    throw e;
                }
                retries.incrementAndGet();
                // Back off before sending the same clientMessageId again (a retry is answered, never doubled).
                Thread.sleep(Duration.ofSeconds(attempt));
            }
        }
    }

    private ParleyApi.Reply send(ParleyApi.User sender, String path) {
        ParleyApi.Reply reply = api.post(sender, path, Map.of("clientMessageId", UUID.randomUUID().toString(),
                "text", "bench message " + UUID.randomUUID())).expect(201);
        position.accumulateAndGet(Long.parseLong(reply.position()), Math::max);
        return reply;
    }

    /** Until query-api has projected every message sent so far (it answers 503 while it catches up). */
    private void awaitReadModels(ParleyApi.User user, String path) {
        String at = Long.toString(position.get());
        while (api.get(user, path, at).expect(200, 503).status() == 503) {
            Progress.say("waiting for the read models to reach position %s", at);
        }
    }
}
