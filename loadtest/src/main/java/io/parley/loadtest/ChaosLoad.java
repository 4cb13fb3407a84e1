package io.parley.loadtest;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * Sends are grouped in phases (one per fault); {@link #finish} stops the load, waits until every subscriber has
 * every acknowledged message (or a limit), reads every conversation's history, and answers per phase: acknowledged,
 * lost and duplicated (in history, and in what subscribers received), refused, other failures, and the time from the
 * repair until a message sent after it had reached every member.
 */
public final class ChaosLoad implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TEXT_PREFIX = "chaos ";
    private static final int MAX_IN_FLIGHT = 400;

    private final String baseUrl;
    private final int userCount;
    private final int groupSize;
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
    private List<ParleyApi.User> users;
    private List<String> conversations;
    private List<Subscriber> subscribers;
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
     * @param baseUrl     where the app talks to Parley: REST and {@code /ws} (the gateway)
     * @param users       how many users, a multiple of {@code groupSize}
     * @param groupSize   members per group, every one subscribed
     * @param sendTimeout how long a send may take before the client gives up (a hang)
     */
    public ChaosLoad(String baseUrl, int users, int groupSize, Duration sendTimeout) {
        if (users < groupSize || users % groupSize != 0) {
            throw new IllegalArgumentException("users must be a multiple of the group size " + groupSize);
        }
        this.baseUrl = baseUrl;
        this.userCount = users;
        this.groupSize = groupSize;
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

    /** Signs the users up, creates the groups, and subscribes every member; returns when all are subscribed. */
    public void setUp(int setupConcurrency) throws InterruptedException {
        users = Setup.users(api, userCount, setupConcurrency, "Chaos User");
        int groups = userCount / groupSize;
        conversations = Setup.parallel("groups created", groups, setupConcurrency, g -> {
            List<ParleyApi.User> members = users.subList(g * groupSize, (g + 1) * groupSize);
            ParleyApi.Reply created = api.post(members.getFirst(), "/api/v1/conversations/groups", Map.of(
                    "name", "Chaos " + g, "memberIds",
                    members.subList(1, groupSize).stream().map(ParleyApi.User::userId).toList())).expect(201);
            maxPosition.accumulateAndGet(Long.parseLong(created.position()), Math::max);
            return created.body().path("conversationId").asString();
        });
        subscribers = new ArrayList<>();
        for (int u = 0; u < userCount; u++) {
            subscribers.add(new Subscriber(users.get(u), conversations.get(u / groupSize)));
        }
        subscribers.forEach(Subscriber::connect);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        // Polls the subscribers' state: each becomes live on its own RECEIPT.
        while (subscribers.stream().anyMatch(s -> !s.live)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("subscribers not live after 3 minutes");
            }
            Thread.sleep(100);
        }
        reconnectCount.set(0);
        Progress.say("%d users in %d groups of %d, every member subscribed", userCount, groups, groupSize);
    }

    /** Starts sending at {@code ratePerSecond} in the background, in a first phase named {@code phaseName}. */
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
        }
        return reply;
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
                return new Reply(-1, JSON.getNodeFactory().textNode("connection failed"), null);
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
     * most {@code drainLimit}), reads each conversation's whole history, and answers one result per phase.
     */
    public List<PhaseResult> finish(Duration drainLimit) throws InterruptedException {
        stopSending();
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (!caughtUp(Duration.ZERO) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Map<String, Map<Long, List<Integer>>> history = new HashMap<>();
        List<String> historyProblems = new ArrayList<>();
        for (int g = 0; g < conversations.size(); g++) {
            history.put(conversations.get(g), readHistory(g, historyProblems));
        }
        return results(history, historyProblems);
    }

    /** seq → the send indexes whose text is at that seq (one, unless something is wrong). */
    private Map<Long, List<Integer>> readHistory(int group, List<String> problems) {
        String conversation = conversations.get(group);
        ParleyApi.User member = users.get(group * groupSize);
        Map<Long, List<Integer>> bySeq = new LinkedHashMap<>();
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
                bySeq.computeIfAbsent(seq, s -> new ArrayList<>()).add(index);
                after = seq;
            }
        }
    }

    private List<PhaseResult> results(Map<String, Map<Long, List<Integer>>> history, List<String> historyProblems) {
        List<Send> all = snapshot();
        // How often each send's text is in history.
        Map<Integer, Integer> inHistory = new HashMap<>();
        for (Map<Long, List<Integer>> conversation : history.values()) {
            for (List<Integer> indexes : conversation.values()) {
                for (int index : indexes) {
                    inHistory.merge(index, 1, Integer::sum);
                }
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
                    Map<Long, List<Integer>> conversation = history.get(conversations.get(send.user / groupSize));
                    List<Integer> atSeq = conversation.getOrDefault(send.seq, List.of());
                    if (copies == 0 || !atSeq.contains(send.index)) {
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
            results.add(new PhaseResult(p.name, total, acknowledged, lost, duplicated, lostDeliveries,
                    duplicateDeliveries, refused, refusals, failures, unansweredWritten,
                    recoveredNanos == Long.MAX_VALUE ? -1 : recoveredNanos / 1e9,
                    results.isEmpty() ? historyProblems : List.of()));
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
     * {@code historyProblems}: gaps or disorder in seq (reported with the first phase).
     */
    public record PhaseResult(String fault, long sends, long acknowledged, long lost, long duplicated,
                              long lostDeliveries, long duplicateDeliveries, long refused,
                              Map<String, Long> refusals, Map<String, Long> failures,
                              long unansweredButWritten, double secondsToRecover, List<String> historyProblems) {

        public long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The results as a Markdown table. */
    public static String table(List<PhaseResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| fault | sends | acknowledged (201) | lost | duplicated | refused (503) | other answers "
                + "| lost / duplicated deliveries | time to recover |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |\n");
        for (PhaseResult r : results) {
            String other = r.failures().isEmpty() ? "0" : r.failures().entrySet().stream()
                    .map(e -> e.getValue() + " × " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("0");
            String refused = r.refused() == 0 ? "0" : String.format("%,d (%s)", r.refused(), r.refusals().entrySet()
                    .stream().map(e -> e.getValue() + " " + (e.getKey().isEmpty() ? "without code" : e.getKey()))
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            out.append(String.format("| %s | %,d | %,d | %d | %d | %s | %s | %d / %d | %s |%n", r.fault(), r.sends(),
                    r.acknowledged(), r.lost(), r.duplicated(), refused, other, r.lostDeliveries(),
                    r.duplicateDeliveries(), r.secondsToRecover() < 0 ? "—"
                            : String.format("%.1f s", r.secondsToRecover())));
        }
        return out.toString();
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

    /** One member's socket, subscribed to its group's messages; resumes from the last seq after a loss. */
    private final class Subscriber {

        private final ParleyApi.User user;
        private final String conversation;
        private final Map<Long, AtomicInteger> received = new ConcurrentHashMap<>();
        private final Map<Long, Long> firstReceived = new ConcurrentHashMap<>();
        private final AtomicInteger generation = new AtomicInteger();
        private final Queue<StompSession> sessions = new ConcurrentLinkedQueue<>();
        private volatile long lastSeq;
        private volatile boolean live;
        private long backOffMillis = 500;

        Subscriber(ParleyApi.User user, String conversation) {
            this.user = user;
            this.conversation = conversation;
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
                                live = true;
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
            received.computeIfAbsent(seq, s -> new AtomicInteger()).incrementAndGet();
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
