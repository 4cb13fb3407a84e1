package io.parley.query.session;

import java.time.Instant;
import java.util.List;

import io.parley.kernel.account.RevocationReason;
import io.parley.query.live.LiveChange;

/**
 * Login sessions of a user ended: those named in {@code sessionIds} (their tokens are refused until
 * {@code expiresAt}), or, when {@code allBut} is set, every session but the one it names ({@code ""}: every
 * session). Connections of ended sessions close.
 */
record SessionsEnded(String userId, List<String> sessionIds, Instant expiresAt, String allBut,
                     RevocationReason reason) implements LiveChange {

    boolean ended(String loginSessionId) {
        return allBut == null ? sessionIds.contains(loginSessionId) : !allBut.equals(loginSessionId);
    }
}
