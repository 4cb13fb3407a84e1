package io.parley.query.presence;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Presence of the sockets of this instance only, in memory: a stand-in until presence is shared across instances.
 */
@Component
class SingleInstancePresence implements Presence {

    private final Map<String, Set<String>> connections = new ConcurrentHashMap<>();
    private final ObjectProvider<PresenceListener> listeners;
    private final Clock clock = Clock.systemUTC();

    SingleInstancePresence(ObjectProvider<PresenceListener> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void connected(String userId, String connectionId) {
        boolean[] first = {false};
        connections.compute(userId, (user, open) -> {
            Set<String> sockets = open == null ? new HashSet<>() : open;
            first[0] = sockets.isEmpty() && sockets.add(connectionId);
            sockets.add(connectionId);
            return sockets;
        });
        if (first[0]) {
            tell(new PresenceChange(userId, true, null, clock.instant()));
        }
    }

    @Override
    public void disconnected(String userId, String connectionId) {
        boolean[] last = {false};
        connections.computeIfPresent(userId, (user, sockets) -> {
            last[0] = sockets.remove(connectionId) && sockets.isEmpty();
            return sockets.isEmpty() ? null : sockets;
        });
        if (last[0]) {
            Instant now = clock.instant();
            tell(new PresenceChange(userId, false, now, now));
        }
    }

    boolean online(String userId) {
        return connections.containsKey(userId);
    }

    private void tell(PresenceChange change) {
        List<PresenceListener> all = listeners.orderedStream().toList();
        all.forEach(listener -> listener.presenceChanged(change));
    }
}
