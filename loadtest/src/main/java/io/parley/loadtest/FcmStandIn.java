package io.parley.loadtest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Firebase Cloud Messaging's send endpoint ({@code POST /v1/projects/<project>/messages:send}) on loopback, for a stack
 * whose notification-handler has {@code PARLEY_FCM_URL} pointing here: it answers every request as FCM answers a
 * success and records what was pushed (device token, kind, message id, conversation id; never the text). The fault
 * suite counts these per idempotency key to see that every push job was sent once.
 */
public final class FcmStandIn implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One FCM request as it arrived: to which device, and for what. */
    public record Push(String token, String kind, String messageId, String conversationId) {
    }

    private final HttpServer server;
    private final List<Push> pushes = new ArrayList<>();
    private final Set<Push> distinct = new HashSet<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<Long> arrivals = new ArrayList<>();
    private long lastNanos = System.nanoTime();

    private FcmStandIn(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port of 127.0.0.1. */
    public static FcmStandIn start() throws IOException {
        return start(0);
    }

    /** Listens on the given port of 127.0.0.1 (0: a free one). */
    public static FcmStandIn start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        FcmStandIn standIn = new FcmStandIn(server);
        server.createContext("/v1/projects/", standIn::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return standIn;
    }

    /** What {@code PARLEY_FCM_URL} is set to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/messages:send")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            JsonNode message = JSON.readTree(new String(body.readAllBytes(), StandardCharsets.UTF_8)).path("message");
            JsonNode data = message.path("data");
            record(new Push(message.path("token").asString(), data.path("kind").asString(), text(data, "messageId"),
                    text(data, "conversationId")));
            byte[] reply = ("{\"name\":\"projects/parley-local/messages/" + ids.incrementAndGet() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
        }
    }

    private static String text(JsonNode data, String field) {
        return data.has(field) ? data.get(field).asString() : null;
    }

    private synchronized void record(Push push) {
        pushes.add(push);
        distinct.add(push);
        lastNanos = System.nanoTime();
        arrivals.add(lastNanos);
        notifyAll();
    }

    /** Every push so far. */
    public synchronized List<Push> pushes() {
        return List.copyOf(pushes);
    }

    /** When each push of {@link #pushes()} arrived ({@link System#nanoTime()}), in the same order. */
    public synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /**
     * Waits until no push has arrived for {@code quiet} (a push sent again late, by a worker that took over a dead
     * one's job, comes within the claim timeout), at most until {@code deadlineNanos}; answers whether it was quiet.
     */
    public synchronized boolean awaitQuiet(Duration quiet, long deadlineNanos) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long quietAt = lastNanos + quiet.toNanos();
            if (now >= quietAt) {
                return true;
            }
            if (now >= deadlineNanos) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(quietAt, deadlineNanos) - now);
        }
    }

    /**
     * Waits until pushes of {@code count} different kinds (device, kind, message, conversation) have arrived, at most
     * until the deadline; answers whether they did.
     */
    public synchronized boolean awaitDistinct(long count, long deadlineNanos) throws InterruptedException {
        while (distinct.size() < count) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
