package io.parley.query.live;

import java.util.Set;
import java.util.function.Predicate;

import io.parley.kernel.account.PasswordChangedEvent;
import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.query.live.UserEventFrames.SessionRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Ends the connections of ended login sessions on this instance (every instance does so for its own, on its delivery
 * processor): {@code session.revoked} on their user queue, then the socket closes once that frame is written
 * (close code 1008, reason {@code SESSION_REVOKED}). A logout or a refresh-token reuse names its sessions; a password
 * change ends every other session of the user, an account deletion all of them (command-api also names those
 * sessions in a {@link SessionsRevokedEvent}; connections whose session it did not know end here too).
 */
@Component
@ProcessingGroup(LiveDelivery.PROCESSING_GROUP)
class Revocations {

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

    @EventHandler
    void on(SessionsRevokedEvent event) {
        Set<String> ended = Set.copyOf(event.sessionIds());
        end(event.userId(), session -> ended.contains(session.loginSessionId()), event.reason());
    }

    @EventHandler
    void on(PasswordChangedEvent event) {
        end(event.userId(), session -> !session.loginSessionId().equals(event.keptSessionId()),
                RevocationReason.PASSWORD_CHANGED);
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        end(event.userId(), session -> true, RevocationReason.ACCOUNT_DELETED);
    }

    private void end(String userId, Predicate<LiveSession> ended, RevocationReason reason) {
        for (LiveSession session : sessions.ofUser(userId)) {
            if (session.loginSessionId() != null && ended.test(session) && !session.isClosed()) {
                log.info("Closing session {} of user {}: {}", session.id(), userId, reason);
                pushes.toSession(session, new SessionRevoked(reason));
                session.close();
                frames.close(session, REVOKED);
            }
        }
    }
}
