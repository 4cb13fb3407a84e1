package io.parley.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real STOMP 1.2 client (Spring's {@link WebSocketStompClient} over the JDK's standard WebSocket client API) that
 * collects what the server sends into blocking queues, so tests wait with timeouts instead of sleeping.
 */
public final class StompTestClient {

    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final ThreadPoolTaskScheduler SCHEDULER = scheduler();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StompTestClient() {
    }

    /** Connects with the token and waits for CONNECTED. */
    public static Connection connect(int port, String accessToken) {
        Connection connection = open(port, accessToken);
        connection.awaitConnected();
        return connection;
    }

    /** Sends CONNECT with {@code Authorization: Bearer <token>} (none when null) and does not wait for the answer. */
    public static Connection open(int port, String accessToken) {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setTaskScheduler(SCHEDULER);
        client.setDefaultHeartbeat(new long[] {10_000, 10_000});
        client.setInboundMessageSizeLimit(1024 * 1024);
        StompHeaders connect = new StompHeaders();
        if (accessToken != null) {
            connect.add("Authorization", "Bearer " + accessToken);
        }
        Connection connection = new Connection();
        connection.future = client.connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), connect,
                connection.handler);
        return connection;
    }

    /**
     * Runs a refusal — a connection made to provoke an ERROR — and returns the ERROR frame, which must arrive before
     * the server closes the connection.
     */
    public static Error refused(java.util.function.Supplier<Connection> attempt) {
        Connection connection = attempt.get();
        Error error = connection.awaitErrorOrClose();
        connection.awaitClosed();
        if (error == null) {
            throw new AssertionError("The connection closed without an ERROR frame");
        }
        return error;
    }

    /** An ERROR frame: its {@code message} header (Parley puts the error code there) and its JSON body. */
    public record Error(String code, JsonNode body) {
    }

    /** One STOMP connection. */
    public static final class Connection implements AutoCloseable {

        private final BlockingQueue<Error> errors = new LinkedBlockingQueue<>();
        private final CompletableFuture<Throwable> lost = new CompletableFuture<>();
        private final Handler handler = new Handler();
        private CompletableFuture<StompSession> future;
        private StompSession session;
        // Spring completes the session future before it calls afterConnected: wait for the frame itself.
        private final CompletableFuture<StompHeaders> connected = new CompletableFuture<>();

        public void awaitConnected() {
            try {
                session = future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                session.setAutoReceipt(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("Not connected; errors: " + errors, e);
            }
        }

        /** Subscribes with the headers (name, value, name, value…) and waits for the server's RECEIPT. */
        public Subscription subscribe(String destination, String... headers) {
            Subscription subscription = subscribeWithoutReceipt(destination, headers);
            subscription.awaitReceipt();
            return subscription;
        }

        /** Subscribes without waiting: for subscriptions the server is expected to refuse. */
        public Subscription subscribeWithoutReceipt(String destination, String... headers) {
            StompHeaders stompHeaders = new StompHeaders();
            stompHeaders.setDestination(destination);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                stompHeaders.add(headers[i], headers[i + 1]);
            }
            Subscription subscription = new Subscription();
            StompSession.Subscription handle = session.subscribe(stompHeaders, subscription);
            subscription.handle = handle;
            handle.addReceiptTask(() -> subscription.receipt.complete(null));
            handle.addReceiptLostTask(() -> subscription.receipt.completeExceptionally(
                    new AssertionError("No RECEIPT for SUBSCRIBE " + destination + "; errors: " + errors)));
            return subscription;
        }

        public void send(String destination, String json) {
            StompHeaders stompHeaders = new StompHeaders();
            stompHeaders.setDestination(destination);
            stompHeaders.setContentType(MimeTypeUtils.APPLICATION_JSON);
            session.send(stompHeaders, json.getBytes(StandardCharsets.UTF_8));
        }

        /** The ERROR frame the server sent before closing, or null when the connection closed without one. */
        public Error awaitErrorOrClose() {
            long deadline = System.nanoTime() + WAIT.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    Error error = errors.poll(100, TimeUnit.MILLISECONDS);
                    if (error != null) {
                        return error;
                    }
                    if (lost.isDone()) {
                        return errors.poll();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            throw new AssertionError("Neither an ERROR frame nor a close within " + WAIT);
        }

        /** Waits until the server has closed the connection. */
        public void awaitClosed() {
            try {
                lost.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("The connection was not closed", e);
            }
        }

        public boolean isOpen() {
            return session != null && session.isConnected() && !lost.isDone();
        }

        public List<Error> errors() {
            return List.copyOf(errors);
        }

        /** The headers of the server's CONNECTED frame. */
        public StompHeaders connectedHeaders() {
            try {
                return connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("No CONNECTED frame; errors: " + errors, e);
            }
        }

        @Override
        public void close() {
            if (session != null && session.isConnected()) {
                session.disconnect();
            }
        }

        private final class Handler extends StompSessionHandlerAdapter {

            @Override
            public void afterConnected(StompSession session, StompHeaders connectedHeaders) {
                connected.complete(connectedHeaders);
            }

            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            // Only ERROR frames arrive here (MESSAGE frames go to their subscription).
            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                byte[] body = (byte[]) payload;
                errors.add(new Error(headers.getFirst("message"),
                        JSON.readTree(body == null || body.length == 0 ? "null".getBytes() : body)));
            }

            @Override
            public void handleTransportError(StompSession session, Throwable exception) {
                lost.complete(exception);
            }
        }
    }

    /** The MESSAGE frames of one subscription, as JSON. */
    public static final class Subscription implements StompFrameHandler {

        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> receipt = new CompletableFuture<>();
        private StompSession.Subscription handle;

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            frames.add(JSON.readTree((byte[]) payload));
        }

        void awaitReceipt() {
            try {
                receipt.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("No RECEIPT for the subscription", e);
            }
        }

        public JsonNode next() {
            try {
                JsonNode frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(frame).as("a MESSAGE frame").isNotNull();
                return frame;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public List<JsonNode> next(int count) {
            List<JsonNode> received = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                received.add(next());
            }
            return received;
        }

        /** Nothing more arrives within the given time (a bounded wait on the queue, not a sleep). */
        public void assertNothingWithin(Duration duration) {
            try {
                assertThat(frames.poll(duration.toMillis(), TimeUnit.MILLISECONDS)).as("no further frame").isNull();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public void unsubscribe() {
            handle.unsubscribe();
        }

        public boolean isEmpty() {
            return frames.isEmpty();
        }
    }

    private static ThreadPoolTaskScheduler scheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("stomp-test-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        return scheduler;
    }
}
