package io.parley.query.live;

import java.util.function.Predicate;

import io.parley.kernel.account.RevocationReason;
import io.parley.query.live.UserEventFrames.SessionRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Ends the connections of ended login sessions on this instance: {@code session.revoked} on their user queue, then
 * the socket closes once that frame is written (close code 1008, reason {@code SESSION_REVOKED}).
 */
@Component
public class Revocations {

    static final CloseStatus REVOKED = CloseStatus.POLICY_VIOLATION.withReason("SESSION_REVOKED");
    private static final Logger log = LoggerFactory.getLogger(Revocations.class);

    private final LiveSessions sessions;
    private final Pushes pushes;
    private final StompFrames frames;

    Revocations(LiveSessions sessions, Pushes pushes, StompFrames frames) {
        this.sessions = sessions;
        this.pushes = pushes;
        this.frames = frames;
    }

    /** Closes the user's connections here whose login session {@code ended} accepts. */
    public void end(String userId, Predicate<String> ended, RevocationReason reason) {
        for (LiveSession session : sessions.ofUser(userId)) {
            if (session.loginSessionId() != null && ended.test(session.loginSessionId()) && !session.isClosed()) {
                log.info("Closing session {} of user {}: {}", session.id(), userId, reason);
                pushes.toSession(session, new SessionRevoked(reason));
                session.close();
                frames.close(session, REVOKED);
            }
        }
    }
}
