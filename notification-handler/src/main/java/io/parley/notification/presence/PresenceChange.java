package io.parley.notification.presence;

import java.time.Instant;

/** A presence message as query-api publishes it on the presence exchange (one per transition of a user). */
record PresenceChange(String userId, boolean online, Instant lastSeenAt, Instant changedAt, String instanceId) {
}
