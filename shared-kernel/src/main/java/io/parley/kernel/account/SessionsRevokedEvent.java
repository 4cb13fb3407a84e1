package io.parley.kernel.account;

import java.time.Instant;
import java.util.List;

import org.axonframework.serialization.Revision;

/** Sessions ended: their refresh tokens stop working and their sockets close. */
@Revision("1")
public record SessionsRevokedEvent(String userId, List<String> sessionIds, RevocationReason reason, Instant revokedAt) implements AccountEvent {
}
