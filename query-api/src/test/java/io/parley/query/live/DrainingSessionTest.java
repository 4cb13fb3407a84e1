package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;

import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The race behind a dropped ERROR frame: one thread is still writing a frame (CONNECTED) when another sends the
 * ERROR and, as Spring's STOMP handler does right after, closes the session.
 */
class DrainingSessionTest {

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void aCloseRightAfterAnError_waitsUntilTheErrorAndTheFramesBeforeItAreWritten() throws Exception {
        WebSocketSession session = new DrainingSession(socket(), 10_000, 512 * 1024);

        Thread writer = raceErrorAndClose(session);
        assertThat(written).as("not closed while CONNECTED is being written").isEmpty();
        release.countDown();
        writer.join(TimeUnit.SECONDS.toMillis(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 3);
        assertThat(written).containsExactly("CONNECTED", "ERROR", "close " + CloseStatus.PROTOCOL_ERROR.getCode());
    }

    @Test
    void springsOwnDecorator_dropsTheError_whichIsWhyParleyHasItsOwn() throws Exception {
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(socket(), 10_000, 512 * 1024);

        Thread writer = raceErrorAndClose(session);
        release.countDown();
        writer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(written).containsExactlyInAnyOrder("CONNECTED", "close " + CloseStatus.PROTOCOL_ERROR.getCode());
    }

    @Test
    void aCloseWithNothingInFlight_happensAtOnce() throws Exception {
        WebSocketSession session = new DrainingSession(socket(), 10_000, 512 * 1024);
        release.countDown();

        session.sendMessage(new TextMessage("ERROR"));
        session.close(CloseStatus.PROTOCOL_ERROR);

        assertThat(written).containsExactly("ERROR", "close " + CloseStatus.PROTOCOL_ERROR.getCode());
    }

    /** CONNECTED is being written on another thread (and blocks there) while this one sends ERROR and closes. */
    private Thread raceErrorAndClose(WebSocketSession session) throws Exception {
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                session.sendMessage(new TextMessage("CONNECTED"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        session.sendMessage(new TextMessage("ERROR"));
        session.close(CloseStatus.PROTOCOL_ERROR);
        return writer;
    }

    /** A socket whose first write blocks until released; it records writes and the close. */
    private WebSocketSession socket() throws Exception {
        WebSocketSession socket = mock(WebSocketSession.class);
        when(socket.getId()).thenReturn("s1");
        when(socket.isOpen()).thenAnswer(invocation -> written.stream().noneMatch(event -> event.startsWith("close")));
        doAnswer(invocation -> {
            String payload = ((WebSocketMessage<?>) invocation.getArgument(0)).getPayload().toString();
            if (writing.getCount() > 0) {
                writing.countDown();
                assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            }
            written.add(payload);
            return null;
        }).when(socket).sendMessage(any());
        doAnswer(invocation -> {
            written.add("close " + ((CloseStatus) invocation.getArgument(0)).getCode());
            return null;
        }).when(socket).close(any());
        return socket;
    }
}
