package io.parley.query.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.query.presence.Presence;
import org.springframework.stereotype.Component;

/**
 * The STOMP sessions connected to this instance, by session id. Each one is reported to {@link Presence} when it
 * opens (a successful CONNECT) and when it ends, however it ends (DISCONNECT, socket closed, ERROR: Spring passes a
 * DISCONNECT for every closed socket).
 */
@Component
class LiveSessions {

    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final StompFrames frames;
    private final LiveProperties properties;
    private final Presence presence;

    LiveSessions(StompFrames frames, LiveProperties properties, Presence presence) {
        this.frames = frames;
        this.properties = properties;
        this.presence = presence;
    }

    LiveSession open(String sessionId, String userId, String loginSessionId) {
        LiveSession session = new LiveSession(sessionId, userId, loginSessionId, frames.orderedOutbound(), properties);
        LiveSession previous = sessions.put(sessionId, session);
        if (previous != null) {
            previous.close();
            presence.disconnected(previous.userId(), previous.id());
        }
        presence.connected(userId, sessionId);
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
            presence.disconnected(session.userId(), session.id());
        }
    }
}
