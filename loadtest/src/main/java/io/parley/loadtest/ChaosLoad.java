package io.parley.loadtest;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.websocket.ContainerProvider;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load of the fault suite ({@code ./parley chaos}, docs/reliability.md "Faults"): users in groups, every member
 * with a live subscription to its group's messages, and sends at a steady rate, open-loop, each user in turn, through
 * one base URL (the gateway, as an app). What a fault does to it is recorded the way a client sees it: each send's
 * answer (201, 503, another status, no answer within the client's timeout), and each subscriber's frames. A
 * subscriber whose socket is lost or refused connects again (0.5 s, doubling to 2 s) and resumes with
 * {@code since-seq} = the last seq it received, as the web SDK does.
 * <p>
 * Each group may also have members who never connect and have a push device: every message is a push job for
 * each of them, which an {@link FcmStandIn} in place of FCM records.
 * <p>
 * Sends are grouped in phases (one per fault); {@link #finish} stops the load, waits until every subscriber has
 * every acknowledged message (or a limit), reads every conversation's history, and answers per phase: acknowledged,
 * lost and duplicated (in history, and in what subscribers received, and in the pushes), refused, other failures,
 * and the time from the repair until a message sent after it had reached every member.
 * {@link #projectionsAgainstTheirRebuild} compares what the users read with what they read after a rebuild of every
 * projection.
 */
public final class ChaosLoad implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TEXT_PREFIX = "chaos ";
    private static final int MAX_IN_FLIGHT = 400;

    private final String baseUrl;
    private final int userCount;
    private final int groupSize;
    private final int offlinePerGroup;
    private final Duration sendTimeout;
    private final ParleyApi api;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
    private final WebSocketStompClient stomp;
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("chaos-reconnect").factory());
    private final List<Send> sends = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private final AtomicLong maxPosition = new AtomicLong();
    private final AtomicLong reconnectCount = new AtomicLong();
    private final AtomicLong errorFrames = new AtomicLong();
    private final Completion completion = new Completion();
    private List<ParleyApi.User> users;
    /** Per group, its members that are never connected, and the push device token of each. */
    private List<List<Offline>> offline;
    private List<String> conversations;
    private List<Subscriber> subscribers;
    private CountDownLatch subscribed;
    private volatile Phase phase;
    private volatile boolean sending;
    private volatile boolean closing;
    private Thread sender;

    /** One send, as the client saw it. */
    private static final class Send {
        final int index;
        final int user;
        final Phase phase;
        final long startNanos;
        volatile int status;
        volatile long seq;
        volatile String outcome = "pending";

        Send(int index, int user, Phase phase, long startNanos) {
            this.index = index;
            this.user = user;
            this.phase = phase;
            this.startNanos = startNanos;
        }
    }

    /** A fault's window: its sends, and when it was repaired. */
    private static final class Phase {
        final String name;
        volatile long repairedNanos;

        Phase(String name) {
            this.name = name;
        }
    }

    /**
     * @param baseUrl         where the app talks to Parley: REST and {@code /ws} (the gateway)
     * @param users           how many subscribed users, a multiple of {@code groupSize}
     * @param groupSize       subscribed members per group, every one of them sending in turn
     * @param offlinePerGroup members per group besides those, each with a push device and never connected: the
     *                        recipients of the push notifications ({@link #finish} checks each was pushed once)
     * @param sendTimeout     how long a send may take before the client gives up (a hang)
     */
    public ChaosLoad(String baseUrl, int users, int groupSize, int offlinePerGroup, Duration sendTimeout) {
        Setup.requireWholeGroups(users, groupSize);
        this.baseUrl = baseUrl;
        this.userCount = users;
        this.groupSize = groupSize;
        this.offlinePerGroup = offlinePerGroup;
        this.sendTimeout = sendTimeout;
        this.api = new ParleyApi(baseUrl, baseUrl);
        heartbeats.setPoolSize(2);
        heartbeats.setThreadNamePrefix("chaos-heartbeat-");
        heartbeats.setDaemon(true);
        heartbeats.initialize();
        stomp = new WebSocketStompClient(new StandardWebSocketClient(ContainerProvider.getWebSocketContainer()));
        stomp.setTaskScheduler(heartbeats);
        // 10 s both ways, as the load tool: a socket whose far end vanished without a close is noticed within 30 s.
        stomp.setDefaultHeartbeat(new long[] {10_000, 10_000});
        stomp.setInboundMessageSizeLimit(4 * 1024 * 1024);
    }

    /** A member who is never connected, with one push device. */
    private record Offline(ParleyApi.User user, String deviceToken) {
    }

    /**
     * Signs the users up (the offline ones with a push device each), creates the groups, and subscribes every
     * subscribed member; returns when all are subscribed.
     */
    public void setUp(int setupConcurrency) throws InterruptedException {
        users = Setup.users(api, userCount, setupConcurrency, "Chaos User");
        int groups = userCount / groupSize;
        List<ParleyApi.User> offlineUsers = Setup.users(api, groups * offlinePerGroup, setupConcurrency,
                "Chaos Offline");
        List<Offline> withDevices = Setup.parallel("push devices registered", offlineUsers.size(), setupConcurrency,
                i -> {
                    String token = "chaos-device-" + i + "-" + UUID.randomUUID();
                    api.post(offlineUsers.get(i), "/api/v1/users/me/devices", Map.of("token", token,
                            "platform", "android")).expect(201);
                    return new Offline(offlineUsers.get(i), token);
                });
        offline = offlinePerGroup == 0 ? Collections.nCopies(groups, List.of())
                : Setup.inGroupsOf(withDevices, offlinePerGroup);
        List<List<ParleyApi.User>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<ParleyApi.User> group = new ArrayList<>(users.subList(g * groupSize, (g + 1) * groupSize));
            offline.get(g).forEach(member -> group.add(member.user()));
            members.add(group);
        }
        conversations = Setup.groups(api, members, setupConcurrency, "Chaos", maxPosition);
        subscribers = new ArrayList<>();
        for (int u = 0; u < userCount; u++) {
            subscribers.add(new Subscriber(users.get(u), u / groupSize));
        }
        subscribed = new CountDownLatch(subscribers.size());
        subscribers.forEach(Subscriber::connect);
        // Each subscriber counts down on its first RECEIPT.
        if (!subscribed.await(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException("subscribers not live after 3 minutes");
        }
        reconnectCount.set(0);
        Progress.say("%d users in %d groups of %d, every member subscribed; %d offline members with a push device",
                userCount, groups, groupSize, offlineUsers.size());
    }

    /**
     * A phase {@code phaseName} of {@code count} sends one after another, each user in turn, each waiting for the
     * answer to the one before: the first sends after a start find cold code paths (a send then takes seconds on a
     * busy machine), and an open-loop rate would pile them up before any fault.
     */
    public void warmUp(int count, String phaseName) {
        phase(phaseName);
        for (int n = 0; n < count; n++) {
            send(newSend(n % userCount));
        }
    }

    /**
     * Starts sending at {@code ratePerSecond} in the background, in a new phase named {@code phaseName} (again after
     * {@link #stopSending}: the next phase).
     */
    public void start(double ratePerSecond, String phaseName) {
        phase(phaseName);
        sending = true;
        long period = (long) (1e9 / ratePerSecond);
        sender = Thread.ofPlatform().name("chaos-sender").start(() -> {
            Semaphore permits = new Semaphore(MAX_IN_FLIGHT);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                long start = System.nanoTime();
                for (int n = 0; sending; n++) {
                    long slot = start + n * period;
                    long now = System.nanoTime();
                    if (slot > now) {
                        LockSupport.parkNanos(slot - now);
                    }
                    permits.acquireUninterruptibly();
                    Send send = newSend(n % userCount);
                    pool.execute(() -> {
                        try {
                            send(send);
                        } finally {
                            permits.release();
                        }
                    });
                }
            }
        });
    }

    private Send newSend(int user) {
        synchronized (sends) {
            Send send = new Send(sends.size(), user, phase, System.nanoTime());
            sends.add(send);
            return send;
        }
    }

    /** Stops sending; returns once every send in flight is answered (or timed out). */
    public void stopSending() throws InterruptedException {
        sending = false;
        sender.join();
    }

    /** Sends made from now on belong to a new phase (one fault). */
    public void phase(String name) {
        Phase next = new Phase(name);
        synchronized (phases) {
            phases.add(next);
        }
        phase = next;
    }

    /** The fault of the current phase is repaired (or, for a killed process, was injected: the stack repairs it). */
    public void repaired() {
        phase.repairedNanos = System.nanoTime();
    }

    /** Whether every subscriber has every message acknowledged so far, except the last {@code grace}'s. */
    public boolean caughtUp(Duration grace) {
        long before = System.nanoTime() - grace.toNanos();
        for (Send send : snapshot()) {
            if (send.status == 201 && send.startNanos < before && !deliveredToAll(send)) {
                return false;
            }
        }
        return true;
    }

    /** (Message, subscriber) pairs of acknowledged sends not delivered (yet). */
    public long missingDeliveries() {
        long missing = 0;
        for (Send send : snapshot()) {
            if (send.status == 201) {
                for (Subscriber subscriber : subscribersOf(send)) {
                    missing += subscriber.count(send.seq) == 0 ? 1 : 0;
                }
            }
        }
        return missing;
    }

    /**
     * Read-your-writes after a fault: a new message, then a read of its conversation with the send's
     * {@code X-Position} as {@code X-Min-Position}, again while refused (a 503, e.g. POSITION_NOT_REACHED), until
     * {@code limit}. Answers the seconds until the read answered 200, or -1 when it never did.
     */
    public double readYourWrites(Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Send send = newSend(0);
            Reply reply = send(send);
            if (send.status == 201) {
                while (System.nanoTime() < deadline) {
                    Reply read = call(users.getFirst(), HttpRequest.newBuilder(URI.create(baseUrl
                                    + "/api/v1/conversations/" + conversations.getFirst() + "/messages?limit=1"))
                            .header("X-Min-Position", reply.position).GET());
                    if (read.status == 200) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                    pause(Duration.ofMillis(250));
                }
            }
            pause(Duration.ofMillis(500));
        }
        return -1;
    }

    /**
     * Every projection equals a rebuild of it: reads what the chaos users see (each group's whole history, details
     * and read receipts; each user's inbox, profile and notification preferences) through the base URL, rebuilds
     * every projection of query-api from the event store (on whichever of {@code queryUrls} runs the projections:
     * another answers 409 PROJECTION_NOT_OWNED), waits for the switch, and reads the same again. Call it after
     * {@link #finish}. Answers the reads whose answers differ (or failed), with what changed; empty when all equal.
     */
    public List<String> projectionsAgainstTheirRebuild(List<String> queryUrls, String adminEmail,
                                                       String adminPassword, Duration limit)
            throws InterruptedException {
        List<Read> reads = new ArrayList<>();
        for (int g = 0; g < conversations.size(); g++) {
            String conversation = "/api/v1/conversations/" + conversations.get(g);
            ParleyApi.User member = users.get(g * groupSize);
            reads.add(new Read(member, conversation));
            reads.add(new Read(member, conversation + "/receipts"));
            for (long after = 0; ; after += 100) {
                Read page = new Read(member, conversation + "/messages?afterSeq=" + after + "&limit=100");
                reads.add(page);
                if (read(page).body.path("items").size() < 100) {
                    break;
                }
            }
        }
        List<ParleyApi.User> everyone = new ArrayList<>(users);
        offline.forEach(group -> group.forEach(member -> everyone.add(member.user())));
        for (ParleyApi.User user : everyone) {
            reads.add(new Read(user, "/api/v1/conversations?limit=100"));
            reads.add(new Read(user, "/api/v1/users/me"));
            reads.add(new Read(user, "/api/v1/users/me/notification-preferences"));
        }
        Map<Read, Reply> before = new LinkedHashMap<>();
        reads.forEach(read -> before.put(read, read(read)));

        BenchFailure refused = null;
        boolean switched = false;
        for (String queryUrl : queryUrls) {
            try {
                switched = Rebuild.run(new ParleyApi(baseUrl, queryUrl), null, adminEmail, adminPassword,
                        Duration.ofMillis(250), limit);
                refused = null;
                break;
            } catch (BenchFailure e) {
                // 409 PROJECTION_NOT_OWNED: this instance does not run the projections; the next one may
                refused = e;
            }
        }
        if (refused != null) {
            throw refused;
        }
        if (!switched) {
            return List.of("the rebuild failed (see query-api's log)");
        }
        List<String> differences = new ArrayList<>();
        for (Read read : reads) {
            Reply first = before.get(read);
            Reply again = read(read);
            if (first.status != 200 || again.status != 200) {
                differences.add(read.path() + " as user " + read.user().userId() + ": HTTP " + first.status
                        + " then " + again.status);
            } else if (!first.body.equals(again.body)) {
                List<String> fields = new ArrayList<>();
                differingFields(first.body, again.body, "", fields);
                differences.add(read.path() + " as user " + read.user().userId() + ": " + String.join(", ", fields));
            }
        }
        Progress.say("%d reads compared before and after the rebuild of every projection: %d differ", reads.size(),
                differences.size());
        return differences;
    }

    /**
     * Where two answers differ, as JSON paths: with both values where they are numbers or booleans (counts, seqs,
     * flags), without them otherwise (text is personal data and stays out of logs).
     */
    private static void differingFields(JsonNode before, JsonNode after, String path, List<String> out) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            Set<String> names = new TreeSet<>(before.propertyNames());
            names.addAll(after.propertyNames());
            for (String name : names) {
                differingFields(before.path(name), after.path(name), path + "." + name, out);
            }
        } else if (before.isArray() && after.isArray() && before.size() == after.size()) {
            for (int i = 0; i < before.size(); i++) {
                differingFields(before.get(i), after.get(i), path + "[" + i + "]", out);
            }
        } else if ((before.isNumber() || before.isBoolean()) && (after.isNumber() || after.isBoolean())) {
            out.add(path + " " + before + " then " + after);
        } else {
            out.add(path + (before.isArray() ? " (" + before.size() + " then " + after.size() + " items)" : ""));
        }
    }

    /** A GET of {@code path} as {@code user}. */
    private record Read(ParleyApi.User user, String path) {
    }

    private Reply read(Read read) {
        return call(read.user(), HttpRequest.newBuilder(URI.create(baseUrl + read.path()))
                .header("X-Min-Position", Long.toString(maxPosition.get())).GET());
    }

    /** One send's answer, in the client's terms. */
    private record Reply(int status, JsonNode body, String position) {
    }

    private Reply send(Send send) {
        ParleyApi.User user = users.get(send.user);
        String conversation = conversations.get(send.user / groupSize);
        String body = JSON.writeValueAsString(Map.of("clientMessageId", UUID.randomUUID().toString(),
                "text", TEXT_PREFIX + send.index));
        Reply reply = call(user, HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/conversations/" + conversation
                + "/messages")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        send.status = reply.status;
        if (reply.status == 201) {
            send.seq = reply.body.path("seq").asLong();
            completion.acknowledged(send.user / groupSize, send.seq);
            if (reply.position != null) {
                maxPosition.accumulateAndGet(Long.parseLong(reply.position), Math::max);
            }
            send.outcome = "201";
        } else if (reply.status > 0) {
            // The problem's code when it has one (OVERLOADED, SERVICE_UNAVAILABLE …), else what the gateway said.
            String code = reply.body.path("code").asString("");
            send.outcome = "HTTP " + reply.status + (code.isEmpty() ? "" : " " + code);
        } else {
            send.outcome = reply.body.asString();
            // When and where, to set beside the gateway's and the service's logs (ids only, no text).
            Progress.say("send %d to conversation %s, started %s: %s", send.index, conversation,
                    Instant.now().minusNanos(System.nanoTime() - send.startNanos), send.outcome);
        }
        return reply;
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** A call as a signed-in app makes it: refreshes an expired access token once; no answer is status -1. */
    private Reply call(ParleyApi.User user, HttpRequest.Builder request) {
        for (int attempt = 0; ; attempt++) {
            String token = user.accessToken();
            HttpRequest built = request.copy().timeout(sendTimeout).header("Authorization", "Bearer " + token).build();
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 401 && attempt == 0) {
                    api.refresh(user, token);
                    continue;
                }
                JsonNode body = response.body().isEmpty() ? JSON.nullNode() : readOrText(response.body());
                return new Reply(response.statusCode(), body, response.headers().firstValue("X-Position").orElse(null));
            } catch (HttpTimeoutException e) {
                return new Reply(-1, JSON.getNodeFactory().textNode("no answer within " + sendTimeout.toSeconds()
                        + " s"), null);
            } catch (IOException e) {
                // What broke it (the table groups outcomes by this text): "connection failed (EOFException …)".
                return new Reply(-1, JSON.getNodeFactory().textNode("connection failed (" + rootCause(e) + ")"), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(-1, JSON.getNodeFactory().textNode("interrupted"), null);
            } catch (RuntimeException refreshFailed) {
                return new Reply(-1, JSON.getNodeFactory().textNode("token refresh failed"), null);
            }
        }
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.getNodeFactory().textNode(body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    /**
     * Stops sending, waits for the sends in flight, then until every subscriber has every acknowledged message (at
     * most {@code drainLimit}), and reads each conversation's whole history. Then, with {@code fcm} (null: pushes are
     * not checked), waits within the same limit until every push that history calls for has reached it and no push
     * has come for {@code pushQuiet}, so that the results count the pushes too: one per message in history
     * (acknowledged or not) and offline member of its group. Answers one result per phase.
     */
    public List<PhaseResult> finish(Duration drainLimit, FcmStandIn fcm, Duration pushQuiet)
            throws InterruptedException {
        stopSending();
        long deadline = System.nanoTime() + drainLimit.toNanos();
        if (!completion.await(deadline)) {
            Progress.say("subscribers still miss %,d deliveries after %s", missingDeliveries(), drainLimit);
        }
        Map<String, Map<Long, List<Stored>>> history = new HashMap<>();
        List<String> historyProblems = new ArrayList<>();
        for (int g = 0; g < conversations.size(); g++) {
            history.put(conversations.get(g), readHistory(g, historyProblems));
        }
        Map<Push, Integer> pushes = null;
        if (fcm != null) {
            long expected = expectedPushes(history).size();
            if (!fcm.awaitDistinct(expected, deadline)) {
                Progress.say("the FCM stand-in did not get all %,d pushes within %s", expected, drainLimit);
            }
            if (!fcm.awaitQuiet(pushQuiet, deadline)) {
                Progress.say("pushes still arriving after %s", drainLimit);
            }
            pushes = new HashMap<>();
            for (FcmStandIn.Push push : fcm.pushes()) {
                pushes.merge(new Push(push.token(), push.kind(), push.messageId(), push.conversationId()), 1,
                        Integer::sum);
            }
        }
        return results(history, historyProblems, pushes);
    }

    /** A message in history: the send whose text it carries (-1: none of this run's), and its id. */
    private record Stored(int index, String messageId) {
    }

    /** A push as FCM gets it, without the text: to which device, what kind, for which message or group. */
    private record Push(String token, String kind, String messageId, String conversationId) {
    }

    /**
     * The pushes the events call for, each with the send index it belongs to (-1: the group's creation): every
     * offline member was added to a group at its creation (kind {@code added}) and gets each message of it
     * (kind {@code message}).
     */
    private Map<Push, Integer> expectedPushes(Map<String, Map<Long, List<Stored>>> history) {
        Map<Push, Integer> expected = new HashMap<>();
        for (int g = 0; g < conversations.size(); g++) {
            String conversation = conversations.get(g);
            for (Offline member : offline.get(g)) {
                expected.put(new Push(member.deviceToken(), "added", null, conversation), -1);
                for (List<Stored> atSeq : history.get(conversation).values()) {
                    for (Stored message : atSeq) {
                        expected.put(new Push(member.deviceToken(), "message", message.messageId(), conversation),
                                message.index());
                    }
                }
            }
        }
        return expected;
    }

    /** seq → the messages at that seq (one, unless something is wrong). */
    private Map<Long, List<Stored>> readHistory(int group, List<String> problems) {
        String conversation = conversations.get(group);
        ParleyApi.User member = users.get(group * groupSize);
        Map<Long, List<Stored>> bySeq = new LinkedHashMap<>();
        long after = 0;
        long expectedSeq = 1;
        while (true) {
            Reply page = null;
            for (int attempt = 0; attempt < 60; attempt++) {
                page = call(member, HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/conversations/"
                        + conversation + "/messages?afterSeq=" + after + "&limit=100"))
                        .header("X-Min-Position", Long.toString(maxPosition.get())).GET());
                if (page.status == 200) {
                    break;
                }
                pause(Duration.ofSeconds(1));
            }
            if (page.status != 200) {
                throw new IllegalStateException("history of " + conversation + " not readable: HTTP " + page.status);
            }
            JsonNode items = page.body.path("items");
            if (items.isEmpty()) {
                return bySeq;
            }
            for (JsonNode message : items) {
                long seq = message.path("seq").asLong();
                if (seq != expectedSeq) {
                    problems.add("conversation " + group + ": seq " + seq + " where " + expectedSeq + " was expected");
                }
                expectedSeq = seq + 1;
                String text = message.path("text").asString("");
                int index = text.startsWith(TEXT_PREFIX) ? Integer.parseInt(text.substring(TEXT_PREFIX.length())) : -1;
                bySeq.computeIfAbsent(seq, s -> new ArrayList<>()).add(new Stored(index,
                        message.path("messageId").asString()));
                after = seq;
            }
        }
    }

    private List<PhaseResult> results(Map<String, Map<Long, List<Stored>>> history, List<String> historyProblems,
                                      Map<Push, Integer> pushes) {
        List<Send> all = snapshot();
        // How often each send's text is in history.
        Map<Integer, Integer> inHistory = new HashMap<>();
        for (Map<Long, List<Stored>> conversation : history.values()) {
            for (List<Stored> atSeq : conversation.values()) {
                for (Stored message : atSeq) {
                    inHistory.merge(message.index(), 1, Integer::sum);
                }
            }
        }
        // Pushes by the phase of the send they are for (the group's creation: the first phase): lost, sent more than
        // once; and any push nothing called for.
        Map<Phase, long[]> pushProblems = new HashMap<>();
        long unexpectedPushes = 0;
        long expectedPushCount = 0;
        if (pushes != null) {
            Map<Push, Integer> expected = expectedPushes(history);
            expectedPushCount = expected.size();
            for (Map.Entry<Push, Integer> push : expected.entrySet()) {
                int index = push.getValue();
                Phase of = index >= 0 && index < all.size() ? all.get(index).phase : null;
                long[] counts = pushProblems.computeIfAbsent(of, p -> new long[3]);
                int sent = pushes.getOrDefault(push.getKey(), 0);
                counts[0]++;
                counts[1] += sent == 0 ? 1 : 0;
                counts[2] += Math.max(0, sent - 1);
            }
            for (Map.Entry<Push, Integer> push : pushes.entrySet()) {
                unexpectedPushes += expected.containsKey(push.getKey()) ? 0 : push.getValue();
            }
        }
        List<PhaseResult> results = new ArrayList<>();
        List<Phase> allPhases;
        synchronized (phases) {
            allPhases = List.copyOf(phases);
        }
        for (Phase p : allPhases) {
            long total = 0, acknowledged = 0, refused = 0, lost = 0, duplicated = 0, lostDeliveries = 0,
                    duplicateDeliveries = 0, unansweredWritten = 0;
            Map<String, Long> failures = new LinkedHashMap<>();
            Map<String, Long> refusals = new LinkedHashMap<>();
            long recoveredNanos = Long.MAX_VALUE;
            for (Send send : all) {
                if (send.phase != p) {
                    continue;
                }
                total++;
                int copies = inHistory.getOrDefault(send.index, 0);
                if (copies > 1) {
                    duplicated++;
                }
                if (send.status == 201) {
                    acknowledged++;
                    Map<Long, List<Stored>> conversation = history.get(conversations.get(send.user / groupSize));
                    List<Stored> atSeq = conversation.getOrDefault(send.seq, List.of());
                    if (copies == 0 || atSeq.stream().noneMatch(message -> message.index() == send.index)) {
                        lost++;
                    }
                    long lastReceived = 0;
                    for (Subscriber subscriber : subscribersOf(send)) {
                        int received = subscriber.count(send.seq);
                        if (received == 0) {
                            lostDeliveries++;
                        } else {
                            duplicateDeliveries += received - 1;
                            lastReceived = Math.max(lastReceived, subscriber.firstReceivedNanos(send.seq));
                        }
                    }
                    if (p.repairedNanos > 0 && send.startNanos >= p.repairedNanos && lastReceived > 0) {
                        recoveredNanos = Math.min(recoveredNanos, lastReceived - p.repairedNanos);
                    }
                } else {
                    if (send.status == 503) {
                        refused++;
                        refusals.merge(send.outcome.replace("HTTP 503", "").strip(), 1L, Long::sum);
                    } else {
                        failures.merge(send.outcome, 1L, Long::sum);
                    }
                    if (copies > 0) {
                        unansweredWritten++;
                    }
                }
            }
            boolean first = results.isEmpty();
            long[] pushCounts = pushProblems.getOrDefault(p, new long[3]);
            long[] setupPushes = first ? pushProblems.getOrDefault(null, new long[3]) : new long[3];
            results.add(new PhaseResult(p.name, total, acknowledged, lost, duplicated, lostDeliveries,
                    duplicateDeliveries, refused, refusals, failures, unansweredWritten,
                    recoveredNanos == Long.MAX_VALUE ? -1 : recoveredNanos / 1e9,
                    first ? historyProblems : List.of(),
                    pushes == null ? -1 : pushCounts[0] + setupPushes[0], pushCounts[1] + setupPushes[1],
                    pushCounts[2] + setupPushes[2], first ? unexpectedPushes : 0));
        }
        if (pushes != null) {
            Progress.say("pushes: %,d expected, %,d received", expectedPushCount,
                    pushes.values().stream().mapToLong(Integer::longValue).sum());
        }
        return results;
    }

    /**
     * One fault's outcome. {@code lost}: acknowledged (201) but not in history at its seq; {@code duplicated}: in
     * history more than once; {@code lostDeliveries}/{@code duplicateDeliveries}: (message, subscriber) pairs an
     * acknowledged message never reached, or reached more than once; {@code refused}: 503 ({@code refusals} by
     * problem code, "" for a 503 without one, e.g. the gateway's own when a service is down); {@code failures}: any
     * other answer, or none within the client's timeout, by kind; {@code unansweredButWritten}: sends without a 201
     * that are in history all the same (legitimate: the client did not learn the outcome); {@code secondsToRecover}:
     * from the repair until the first message sent after it had reached every member (-1: none did);
     * {@code historyProblems}: gaps or disorder in seq (reported with the first phase); {@code pushes}: push jobs
     * the phase's messages in history call for (one per offline member; the first phase also counts the groups'
     * creation, an {@code added} push per offline member), -1 when pushes were not checked; {@code lostPushes}:
     * of those, never pushed; {@code duplicatePushes}: pushed more than once (the extra copies);
     * {@code unexpectedPushes}: pushes nothing called for (with the first phase).
     */
    public record PhaseResult(String fault, long sends, long acknowledged, long lost, long duplicated,
                              long lostDeliveries, long duplicateDeliveries, long refused,
                              Map<String, Long> refusals, Map<String, Long> failures,
                              long unansweredButWritten, double secondsToRecover, List<String> historyProblems,
                              long pushes, long lostPushes, long duplicatePushes, long unexpectedPushes) {

        public long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The results as a Markdown table. */
    public static String table(List<PhaseResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| fault | sends | acknowledged (201) | lost | duplicated | refused (503) | other answers "
                + "| lost / duplicated deliveries | pushes: expected / lost / duplicated | time to recover |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
        for (PhaseResult r : results) {
            String other = r.failures().isEmpty() ? "0" : r.failures().entrySet().stream()
                    .map(e -> e.getValue() + " × " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("0");
            String refused = r.refused() == 0 ? "0" : String.format("%,d (%s)", r.refused(), r.refusals().entrySet()
                    .stream().map(e -> e.getValue() + " " + (e.getKey().isEmpty() ? "without code" : e.getKey()))
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            String pushes = r.pushes() < 0 ? "not checked" : String.format("%,d / %d / %d", r.pushes(),
                    r.lostPushes(), r.duplicatePushes());
            out.append(String.format("| %s | %,d | %,d | %d | %d | %s | %s | %d / %d | %s | %s |%n", r.fault(),
                    r.sends(), r.acknowledged(), r.lost(), r.duplicated(), refused, other, r.lostDeliveries(),
                    r.duplicateDeliveries(), pushes, r.secondsToRecover() < 0 ? "—"
                            : String.format("%.1f s", r.secondsToRecover())));
        }
        return out.toString();
    }

    /** How many users the set-up signed up: the subscribed ones and the offline ones. */
    public int signedUp() {
        return users.size() + offline.stream().mapToInt(List::size).sum();
    }

    /** Socket reconnections since the set-up (each lost or refused socket counts once per attempt). */
    public long reconnects() {
        return reconnectCount.get();
    }

    public long errorFrames() {
        return errorFrames.get();
    }

    private List<Send> snapshot() {
        synchronized (sends) {
            return List.copyOf(sends);
        }
    }

    private List<Subscriber> subscribersOf(Send send) {
        int group = send.user / groupSize;
        return subscribers.subList(group * groupSize, (group + 1) * groupSize);
    }

    private boolean deliveredToAll(Send send) {
        for (Subscriber subscriber : subscribersOf(send)) {
            if (subscriber.count(send.seq) == 0) {
                return false;
            }
        }
        return true;
    }

    private static void pause(Duration pause) {
        // A client's pause between attempts, not a wait for a condition.
        LockSupport.parkNanos(pause.toNanos());
    }

    @Override
    public void close() {
        closing = true;
        sending = false;
        reconnects.shutdownNow();
        if (subscribers != null) {
            for (Subscriber subscriber : subscribers) {
                subscriber.disconnect();
            }
        }
        heartbeats.shutdown();
    }

    /**
     * Counts the acknowledged messages every subscriber of the group has received, as frames and 201s arrive (in
     * either order), so that {@link #finish} waits on a condition instead of going over every send again and again.
     */
    private final class Completion {

        /** (group, seq) → {acknowledged: 0 or 1, subscribers that received it}. */
        private final Map<Long, int[]> states = new HashMap<>();
        private long acknowledged;
        private long complete;

        synchronized void acknowledged(int group, long seq) {
            int[] state = state(group, seq);
            if (state[0] == 0) {
                state[0] = 1;
                acknowledged++;
                completedIf(state);
            }
        }

        synchronized void received(int group, long seq) {
            int[] state = state(group, seq);
            state[1]++;
            completedIf(state);
        }

        private void completedIf(int[] state) {
            if (state[0] == 1 && state[1] == groupSize) {
                complete++;
                notifyAll();
            }
        }

        private int[] state(int group, long seq) {
            return states.computeIfAbsent(((long) group << 40) | seq, key -> new int[2]);
        }

        /** Until every acknowledged message has reached every subscriber of its group, or the deadline. */
        synchronized boolean await(long deadlineNanos) throws InterruptedException {
            while (complete < acknowledged) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** One member's socket, subscribed to its group's messages; resumes from the last seq after a loss. */
    private final class Subscriber {

        private final ParleyApi.User user;
        private final int group;
        private final String conversation;
        private final Map<Long, AtomicInteger> received = new ConcurrentHashMap<>();
        private final Map<Long, Long> firstReceived = new ConcurrentHashMap<>();
        private final AtomicInteger generation = new AtomicInteger();
        private final Queue<StompSession> sessions = new ConcurrentLinkedQueue<>();
        private volatile long lastSeq;
        private final AtomicBoolean live = new AtomicBoolean();
        private long backOffMillis = 500;

        Subscriber(ParleyApi.User user, int group) {
            this.user = user;
            this.group = group;
            this.conversation = conversations.get(group);
        }

        int count(long seq) {
            AtomicInteger count = received.get(seq);
            return count == null ? 0 : count.get();
        }

        long firstReceivedNanos(long seq) {
            return firstReceived.getOrDefault(seq, 0L);
        }

        void connect() {
            if (closing) {
                return;
            }
            int attempt = generation.incrementAndGet();
            StompHeaders connect = new StompHeaders();
            connect.add("Authorization", "Bearer " + user.accessToken());
            stomp.connectAsync(baseUrl.replaceFirst("^http", "ws") + "/ws", new WebSocketHttpHeaders(), connect,
                    new StompSessionHandlerAdapter() {

                        @Override
                        public void afterConnected(StompSession session, StompHeaders headers) {
                            sessions.add(session);
                            session.setAutoReceipt(true);
                            StompHeaders subscribe = new StompHeaders();
                            subscribe.setDestination("/topic/conversations/" + conversation + "/messages");
                            subscribe.add("since-seq", Long.toString(lastSeq));
                            StompSession.Subscription subscription = session.subscribe(subscribe,
                                    new StompFrameHandler() {

                                        @Override
                                        public Type getPayloadType(StompHeaders headers) {
                                            return byte[].class;
                                        }

                                        @Override
                                        public void handleFrame(StompHeaders headers, Object payload) {
                                            received(ParleyApi.parse((byte[]) payload));
                                        }
                                    });
                            subscription.addReceiptTask(() -> {
                                if (live.compareAndSet(false, true)) {
                                    subscribed.countDown();
                                }
                                synchronized (Subscriber.this) {
                                    backOffMillis = 500;
                                }
                            });
                        }

                        @Override
                        public Type getPayloadType(StompHeaders headers) {
                            return byte[].class;
                        }

                        @Override
                        public void handleFrame(StompHeaders headers, Object payload) {
                            // An ERROR frame: the server closes this socket.
                            errorFrames.incrementAndGet();
                            lost(attempt, headers.getFirst("message"));
                        }

                        @Override
                        public void handleException(StompSession session, StompCommand command, StompHeaders headers,
                                                    byte[] payload, Throwable exception) {
                            Progress.say("STOMP frame not handled: %s", exception);
                        }

                        @Override
                        public void handleTransportError(StompSession session, Throwable exception) {
                            lost(attempt, null);
                        }
                    }).whenComplete((session, failure) -> {
                        if (failure != null) {
                            lost(attempt, null);
                        }
                    });
        }

        private void received(JsonNode frame) {
            if (!"message.created".equals(frame.path("type").asString())) {
                return;
            }
            long seq = frame.path("message").path("seq").asLong();
            firstReceived.putIfAbsent(seq, System.nanoTime());
            if (received.computeIfAbsent(seq, s -> new AtomicInteger()).incrementAndGet() == 1) {
                completion.received(group, seq);
            }
            // Frames of one subscription arrive in seq order; the resume point is the last one.
            lastSeq = Math.max(lastSeq, seq);
        }

        /** This attempt's socket is gone or refused: the next attempt after a back-off (once per attempt). */
        private void lost(int attempt, String errorMessage) {
            if (closing || !generation.compareAndSet(attempt, attempt + 1)) {
                return;
            }
            disconnect();
            reconnectCount.incrementAndGet();
            long delay;
            synchronized (this) {
                delay = backOffMillis;
                backOffMillis = Math.min(backOffMillis * 2, 2_000);
            }
            if (errorMessage != null && errorMessage.contains("TOKEN")) {
                try {
                    api.refresh(user, user.accessToken());
                } catch (RuntimeException stillDown) {
                    // command-api is down: the next attempt tries again with the old token
                }
            }
            try {
                reconnects.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the run is over
            }
        }

        void disconnect() {
            for (StompSession session = sessions.poll(); session != null; session = sessions.poll()) {
                try {
                    if (session.isConnected()) {
                        session.disconnect();
                    }
                } catch (RuntimeException alreadyGone) {
                    // the socket closed under us
                }
            }
        }
    }
}
