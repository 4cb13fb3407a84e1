package io.parley.query.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.parley.query.presence.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The STOMP sessions connected to this instance, by session id. Each one is reported to {@link Presence} when it
 * opens (a successful CONNECT) and when it ends, however it ends (DISCONNECT, socket closed, ERROR: Spring passes a
 * DISCONNECT for every closed socket).
 */
@Component
class LiveSessions {

    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final StompFrames frames;
    private final LiveProperties properties;
    private final Presence presence;

    LiveSessions(StompFrames frames, LiveProperties properties, Presence presence, MeterRegistry meters) {
        this.frames = frames;
        this.properties = properties;
        this.presence = presence;
        Gauge.builder("parley.live.sockets", sessions, Map::size)
                .description("STOMP connections open on this instance")
                .register(meters);
        Gauge.builder("parley.live.subscriptions", this, LiveSessions::subscriptions)
                .description("Subscriptions of the STOMP connections open on this instance")
                .register(meters);
    }

    // Read when scraped: a sum over the open connections, nothing kept per frame.
    private double subscriptions() {
        return sessions.values().stream().mapToInt(LiveSession::subscriptionCount).sum();
    }

    LiveSession open(String sessionId, String userId, String loginSessionId) {
        LiveSession session = new LiveSession(sessionId, userId, loginSessionId, frames.orderedOutbound(), properties);
        LiveSession previous = sessions.put(sessionId, session);
        if (previous != null) {
            previous.close();
            disconnected(previous);
        }
        try {
            presence.connected(userId, sessionId);
        } catch (RuntimeException e) {
            log.warn("Presence missed the connection of session {} of user {}", sessionId, userId, e);
        }
        return session;
    }

    LiveSession get(String sessionId) {
        return sessionId == null ? null : sessions.get(sessionId);
    }

    /** The sessions of a user on this instance (a scan: for rare events such as a revocation). */
    List<LiveSession> ofUser(String userId) {
        return sessions.values().stream().filter(session -> session.userId().equals(userId)).toList();
    }

    void close(String sessionId) {
        LiveSession session = sessionId == null ? null : sessions.remove(sessionId);
        if (session != null) {
            session.close();
            disconnected(session);
        }
    }

    // A presence failure must not break the sockets.
    private void disconnected(LiveSession session) {
        try {
            presence.disconnected(session.userId(), session.id());
        } catch (RuntimeException e) {
            log.warn("Presence missed the end of session {} of user {}", session.id(), session.userId(), e);
        }
    }
}
