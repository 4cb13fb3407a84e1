package io.parley.query.live;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which other query-api instances this one has heard from lately, so that an instance alone sends no changes over
 * the broker only to receive them back. A peer counts while its last word (a hello, a heartbeat or a batch of
 * changes) is younger than {@code window}; for a {@code window} after this instance's broker connection opens, every
 * instance counts as possibly there (the others answer the hello it sent then, but their answers take a moment).
 */
final class Peers {

    private final long windowNanos;
    private final Map<String, Long> heard = new ConcurrentHashMap<>();
    private volatile boolean connected;
    private volatile long connectedAt;

    Peers(Duration window) {
        this.windowNanos = window.toNanos();
    }

    void connected(long nanos) {
        connectedAt = nanos;
        connected = true;
    }

    void heard(String instanceId, long nanos) {
        heard.put(instanceId, nanos);
    }

    /** Whether changes should go to other instances now. */
    boolean anyOther(long nanos) {
        if (connected && nanos - connectedAt < windowNanos) {
            return true;
        }
        heard.values().removeIf(at -> nanos - at >= windowNanos);
        return !heard.isEmpty();
    }
}
