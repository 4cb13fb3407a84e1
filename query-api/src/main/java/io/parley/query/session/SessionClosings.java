package io.parley.query.session;

import io.parley.query.live.LiveChangeBus;
import io.parley.query.live.Revocations;
import org.springframework.stereotype.Component;

/**
 * On every instance, as soon as login sessions end ({@link SessionsEnded}): their tokens are refused (the revoked
 * sessions held in memory learn them at once, not at their next re-read) and their connections close.
 */
@Component
class SessionClosings {

    SessionClosings(Revocations revocations, RevokedSessions revokedSessions, LiveChangeBus changes) {
        changes.on(SessionsEnded.class, ended -> {
            if (ended.expiresAt() != null) {
                ended.sessionIds().forEach(sessionId -> revokedSessions.revoked(sessionId, ended.expiresAt()));
            }
            revocations.end(ended.userId(), ended::ended, ended.reason());
        });
    }
}
