package io.parley.query.live;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Spring's thread-safe session (one writer at a time, later frames buffered while another thread writes) whose close
 * waits until every frame accepted before it has been written. Spring's own decorator stops writing its buffer the
 * moment a close begins, so the ERROR frame that STOMP closes after could be dropped whenever another thread was
 * still writing to the socket (the CONNECTED frame, a MESSAGE); here the close is held back until the writes before
 * it are done (at most the send time limit), then made by whichever thread finished the last of them. A close for
 * an unreliable session (a slow client over its limits) happens at once.
 */
final class DrainingSession extends ConcurrentWebSocketSessionDecorator {

    private static final Logger log = LoggerFactory.getLogger(DrainingSession.class);

    private final Object lock = new Object();
    private final int sendTimeLimit;
    private long accepted;
    private long written;
    private long closeAfter = -1;
    private CloseStatus pendingClose;

    DrainingSession(WebSocketSession session, int sendTimeLimit, int bufferSizeLimit) {
        this(new Counting(session), sendTimeLimit, bufferSizeLimit);
    }

    private DrainingSession(Counting counting, int sendTimeLimit, int bufferSizeLimit) {
        super(counting, sendTimeLimit, bufferSizeLimit);
        this.sendTimeLimit = sendTimeLimit;
        counting.owner = this;
    }

    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        synchronized (lock) {
            accepted++;
        }
        super.sendMessage(message);
    }

    @Override
    public void close(CloseStatus status) throws IOException {
        if (!CloseStatus.SESSION_NOT_RELIABLE.equals(status)) {
            synchronized (lock) {
                if (written < accepted) {
                    if (pendingClose == null) {
                        pendingClose = status;
                        closeAfter = accepted;
                        CompletableFuture.delayedExecutor(sendTimeLimit, TimeUnit.MILLISECONDS)
                                .execute(this::closePending);
                    }
                    return;
                }
            }
        }
        super.close(status);
    }

    private void written() {
        boolean close;
        synchronized (lock) {
            written++;
            close = pendingClose != null && written >= closeAfter;
        }
        if (close) {
            closePending();
        }
    }

    private void closePending() {
        CloseStatus status;
        synchronized (lock) {
            status = pendingClose;
            pendingClose = null;
        }
        if (status == null) {
            return;
        }
        try {
            super.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing session {} failed", getId(), e);
        }
    }

    /** Counts the frames written to the socket (or given up on), in the order Spring's decorator writes them. */
    private static final class Counting extends WebSocketSessionDecorator {

        private DrainingSession owner;

        Counting(WebSocketSession delegate) {
            super(delegate);
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            try {
                super.sendMessage(message);
            } finally {
                owner.written();
            }
        }
    }
}
