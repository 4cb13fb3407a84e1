package io.parley.query.presence;

import java.time.Instant;

/** A presence transition on the {@code presence} fanout exchange (the contract notification-handler reads too). */
record PresenceMessage(String userId, boolean online, Instant lastSeenAt, Instant changedAt, String instanceId) {

    PresenceChange change() {
        return new PresenceChange(userId, online, lastSeenAt, changedAt);
    }
}
