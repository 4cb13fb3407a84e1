package io.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** How the setup treats a socket whose subscription the server refuses (the server closes it after the ERROR). */
class SetupTest {

    private final List<LiveSockets.Socket> connected = new ArrayList<>();
    private final AtomicLong retried = new AtomicLong();

    @Test
    void aSubscriptionRefusedWithPositionNotReached_isMadeAgainOnANewSocket() {
        List<String> refusals = new ArrayList<>(List.of("POSITION_NOT_REACHED", "POSITION_NOT_REACHED"));

        Setup.settled(this::connect, session -> {
            LiveSockets.Socket socket = connected.getLast();
            if (!refusals.isEmpty()) {
                socket.refusal().complete(refusals.removeFirst());
                return new CompletableFuture<>(); // no RECEIPT after an ERROR
            }
            return CompletableFuture.completedFuture(null);
        }, retried, Duration.ZERO);

        assertThat(connected).hasSize(3);
        assertThat(retried).hasValue(2);
        // The socket in use is settled: an ERROR frame on it from now on is counted, not taken as a refusal.
        assertThat(connected.getLast().refusal().complete("LATE")).isFalse();
    }

    @Test
    void anyOtherRefusal_endsTheRun() {
        assertThatThrownBy(() -> Setup.settled(this::connect, session -> {
            connected.getLast().refusal().complete("ACCESS_DENIED");
            return new CompletableFuture<>();
        }, retried, Duration.ZERO)).hasMessageContaining("refused after 1 attempt(s): ACCESS_DENIED");
        assertThat(retried).hasValue(0);
    }

    @Test
    void aLostConnectionDuringSetup_endsTheRun() {
        assertThatThrownBy(() -> Setup.settled(this::connect, session -> {
            connected.getLast().refusal().completeExceptionally(new IllegalStateException("connection reset"));
            return new CompletableFuture<>();
        }, retried, Duration.ZERO)).hasMessageContaining("connection reset");
    }

    private LiveSockets.Socket connect() {
        LiveSockets.Socket socket = new LiveSockets.Socket();
        connected.add(socket);
        return socket;
    }
}
