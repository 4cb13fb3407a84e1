package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PeersTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final Peers peers = new Peers(Duration.ofSeconds(15));

    @Test
    void aloneBeforeConnecting_andOnceTheWindowAfterConnectingIsOver() {
        assertThat(peers.anyOther(0)).isFalse();
        peers.connected(100 * SECOND);
        assertThat(peers.anyOther(100 * SECOND)).isTrue();
        assertThat(peers.anyOther(114 * SECOND)).isTrue();
        assertThat(peers.anyOther(115 * SECOND)).isFalse();
    }

    @Test
    void anotherInstanceCounts_whileItWasHeardWithinTheWindow() {
        peers.connected(0);
        peers.heard("b", 20 * SECOND);
        assertThat(peers.anyOther(34 * SECOND)).isTrue();
        peers.heard("c", 30 * SECOND);
        assertThat(peers.anyOther(40 * SECOND)).isTrue();
        assertThat(peers.anyOther(45 * SECOND)).isFalse();
    }
}
