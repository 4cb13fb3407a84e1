package io.parley.query.presence;

import java.time.Instant;

/** A user went online (first socket anywhere) or offline (last socket closed, {@code lastSeenAt} then). */
public record PresenceChange(String userId, boolean online, Instant lastSeenAt, Instant changedAt) {
}
