package io.parley.kernel.contact;

import java.time.Instant;

/** A pending request; {@code userId} is the other user (the requester when incoming). */
public record ContactRequestView(String requestId, String userId, String displayName, Instant requestedAt) {
}
