package io.parley.query.session;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;

import io.parley.kernel.account.PasswordChangedEvent;
import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.query.live.LiveChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Records revoked sessions. The expiry derives from the event's own time, so a replay writes the same
 * documents and old revocations come back already expired. Every ended login session is published
 * ({@link SessionsEnded}): a logout or a refresh-token reuse names its sessions; a password change ends every other
 * session of the user, an account deletion all of them (command-api also names those sessions in a
 * {@link SessionsRevokedEvent}; connections whose session it did not know end too).
 */
@Component
@ProcessingGroup(SessionRevocationProjection.PROCESSING_GROUP)
class SessionRevocationProjection {

    static final String PROCESSING_GROUP = "session-revocation";
    private static final Logger log = LoggerFactory.getLogger(SessionRevocationProjection.class);

    private final MongoTemplate mongo;
    private final RevokedSessions revokedSessions;
    private final RevokedSessionsProperties properties;

    private final LiveChanges live;

    SessionRevocationProjection(MongoTemplate mongo, RevokedSessions revokedSessions,
                                RevokedSessionsProperties properties, LiveChanges live) {
        this.mongo = mongo;
        this.revokedSessions = revokedSessions;
        this.properties = properties;
        this.live = live;
    }

    @EventHandler
    void on(SessionsRevokedEvent event) {
        Instant expiresAt = event.revokedAt().plus(properties.retention());
        for (String sessionId : event.sessionIds()) {
            mongo.upsert(query(where("_id").is(sessionId)), new Update()
                            .set(RevokedSessionDocument.USER_ID, event.userId())
                            .set(RevokedSessionDocument.REVOKED_AT, event.revokedAt())
                            .set(RevokedSessionDocument.EXPIRES_AT, expiresAt),
                    RevokedSessionDocument.class);
            revokedSessions.revoked(sessionId, expiresAt);
        }
        log.info("{} session(s) of user {} revoked ({})", event.sessionIds().size(), event.userId(), event.reason());
        live.publish(new SessionsEnded(event.userId(), List.copyOf(event.sessionIds()), expiresAt, null,
                event.reason()));
    }

    @EventHandler
    void on(PasswordChangedEvent event) {
        live.publish(new SessionsEnded(event.userId(), List.of(), null,
                event.keptSessionId() == null ? "" : event.keptSessionId(), RevocationReason.PASSWORD_CHANGED));
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        live.publish(new SessionsEnded(event.userId(), List.of(), null, "", RevocationReason.ACCOUNT_DELETED));
    }
}
