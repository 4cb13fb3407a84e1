package io.parley.loadtest;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
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

/**
 * STOMP 1.2 over WebSocket to query-api's {@code /ws}, as an app speaks it (docs/live-delivery.md): one
 * {@link WebSocketStompClient} over Tomcat's WebSocket client for every socket, heart-beats 10 s both ways,
 * CONNECT with {@code Authorization: Bearer}. Counts ERROR frames and lost connections of sockets once they are
 * set up ({@link Socket#settle()}); before that, an ERROR or a lost connection is the socket's {@link Socket#refusal()}
 * for the setup to act on.
 */
final class LiveSockets implements AutoCloseable {

    private final String url;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final WebSocketStompClient client;
    final AtomicLong errorFrames = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    private volatile boolean closing;

    LiveSockets(String queryUrl) {
        this.url = queryUrl.replaceFirst("^http", "ws") + "/ws";
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("stomp-heartbeat-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        client = new WebSocketStompClient(new StandardWebSocketClient(container));
        client.setTaskScheduler(scheduler);
        client.setDefaultHeartbeat(new long[] {10_000, 10_000});
        client.setInboundMessageSizeLimit(1024 * 1024);
        // Subscriptions of thousands of sockets at once can take a while to be acknowledged on two cores.
        client.setReceiptTimeLimit(Duration.ofMinutes(2).toMillis());
    }

    /** One socket: CONNECT with the token; the future completes with the CONNECTED socket. */
    CompletableFuture<Socket> connect(String accessToken) {
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + accessToken);
        CompletableFuture<Socket> connected = new CompletableFuture<>();
        Socket socket = new Socket();
        client.connectAsync(url, new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {

            @Override
            public void afterConnected(StompSession session, StompHeaders headers) {
                session.setAutoReceipt(true);
                socket.session = session;
                connected.complete(socket);
            }

            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                String message = headers.getFirst("message");
                if (closing || socket.refusal.complete(message)) {
                    return;
                }
                errorFrames.incrementAndGet();
                Progress.say("ERROR frame: %s", message);
            }

            @Override
            public void handleException(StompSession session, StompCommand command, StompHeaders headers,
                                        byte[] payload, Throwable exception) {
                Progress.say("STOMP frame not handled: %s", exception);
            }

            @Override
            public void handleTransportError(StompSession session, Throwable exception) {
                if (!connected.completeExceptionally(exception) && !closing
                        && !socket.refusal.completeExceptionally(exception)) {
                    lost.incrementAndGet();
                }
            }
        }).whenComplete((session, failure) -> {
            if (failure != null) {
                connected.completeExceptionally(failure);
            }
        });
        return connected;
    }

    /**
     * Subscribes to a destination; every MESSAGE body is parsed as JSON and handed to {@code frames} on the
     * socket's receiving thread. The future completes when the server's RECEIPT arrives (for a conversation's
     * messages: after the backlog, when the subscription is live).
     */
    static CompletableFuture<Void> subscribe(StompSession session, String destination, Consumer<JsonNode> frames,
                                             String... headers) {
        StompHeaders stompHeaders = new StompHeaders();
        stompHeaders.setDestination(destination);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            stompHeaders.add(headers[i], headers[i + 1]);
        }
        CompletableFuture<Void> receipt = new CompletableFuture<>();
        StompSession.Subscription subscription = session.subscribe(stompHeaders, new StompFrameHandler() {

            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                frames.accept(ParleyApi.parse((byte[]) payload));
            }
        });
        subscription.addReceiptTask(() -> receipt.complete(null));
        subscription.addReceiptLostTask(() -> receipt.completeExceptionally(
                new IllegalStateException("no RECEIPT for SUBSCRIBE " + destination)));
        return receipt;
    }

    /**
     * A connected socket. Until {@link #settle()} (its setup done), the first ERROR frame's message or a lost
     * connection completes {@link #refusal()} instead of being counted; the server closes a socket after an ERROR.
     */
    static final class Socket {

        private final CompletableFuture<String> refusal = new CompletableFuture<>();
        private volatile StompSession session;

        StompSession session() {
            return session;
        }

        CompletableFuture<String> refusal() {
            return refusal;
        }

        /** The setup is done: from now on ERROR frames and lost connections count. */
        void settle() {
            refusal.cancel(false);
        }
    }

    /** From now on, closed sockets and ERROR frames are the tool's own doing: not counted. */
    void disconnectAll(java.util.List<StompSession> sessions) {
        closing = true;
        for (StompSession session : sessions) {
            if (session.isConnected()) {
                session.disconnect();
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        scheduler.shutdown();
    }
}
