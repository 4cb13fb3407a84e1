package io.parley.query.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket that speaks STOMP as bytes: it sends whatever frame a test writes, however broken, and collects every
 * frame the server sends (as text), so a test can send what a real STOMP client never would.
 */
public final class RawStomp implements AutoCloseable {

    public static final String NUL = "\0";

    private final HttpClient client = HttpClient.newHttpClient();
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final List<String> received = new ArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RawStomp(int port) {
        try {
            socket = client.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws"), new Collector())
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("No WebSocket to /ws", e);
        }
    }

    public static RawStomp open(int port) {
        return new RawStomp(port);
    }

    /** Opens a socket, sends CONNECT with the token and waits for CONNECTED. */
    public static RawStomp connected(int port, String accessToken) {
        RawStomp stomp = open(port);
        stomp.send(connectFrame(accessToken));
        String answer = stomp.next(StompTestClient.WAIT);
        if (answer == null || !answer.startsWith("CONNECTED")) {
            throw new AssertionError("Not connected: " + answer);
        }
        return stomp;
    }

    public static String connectFrame(String accessToken) {
        return "CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + accessToken + "\n\n" + NUL;
    }

    /** Sends the text as one WebSocket text message; false when the socket would not take it (it is closed). */
    public boolean send(String text) {
        return await(socket.sendText(text, true));
    }

    /** Sends the bytes as one WebSocket binary message; false when the socket would not take it. */
    public boolean sendBinary(byte[] bytes) {
        return await(socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** The next frame from the server, or null when none came within the time. */
    public String next(Duration wait) {
        try {
            String frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (frame != null) {
                synchronized (received) {
                    received.add(frame);
                }
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first ERROR frame from the server (frames before it are kept in {@link #received()}), or null. */
    public String awaitError(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String frame = next(Duration.ofMillis(100));
            if (frame != null && frame.startsWith("ERROR")) {
                return frame;
            }
            if (frame == null && closed.isDone() && frames.isEmpty()) {
                return null;
            }
        }
        return null;
    }

    /** True once the server has closed the socket (or it failed) within the time. */
    public boolean awaitClosed(Duration wait) {
        try {
            closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Every frame taken so far (by {@link #next} and {@link #awaitError}), in order. */
    public List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The value of a header of a frame, or null. */
    public static String header(String frame, String name) {
        int bodyStart = frame.indexOf("\n\n");
        String head = bodyStart < 0 ? frame : frame.substring(0, bodyStart);
        for (String line : head.split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.abort();
        client.close();
    }

    private static boolean await(CompletableFuture<WebSocket> sent) {
        try {
            sent.get(10, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(null);
        }
    }
}
