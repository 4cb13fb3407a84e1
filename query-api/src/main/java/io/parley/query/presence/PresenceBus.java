package io.parley.query.presence;

import java.util.List;

import io.parley.query.fanout.FanoutTopic;
import io.parley.query.fanout.LiveFanout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries each presence transition to the {@link PresenceListener}s of every instance: published once, by the
 * instance that detected it, on the presence fanout; every instance (the publisher too) tells its listeners when it
 * arrives. Without a broker the transition is told to this instance's listeners directly.
 */
@Component
class PresenceBus {

    private static final Logger log = LoggerFactory.getLogger(PresenceBus.class);

    private final LiveFanout fanout;
    private final ObjectProvider<PresenceListener> listeners;
    private final JsonMapper json;

    PresenceBus(LiveFanout fanout, ObjectProvider<PresenceListener> listeners, JsonMapper json) {
        this.fanout = fanout;
        this.listeners = listeners;
        this.json = json;
        fanout.onMessage(FanoutTopic.PRESENCE, this::receive);
    }

    void publish(PresenceChange change) {
        log.debug("User {} is {}", change.userId(), change.online() ? "online" : "offline");
        PresenceMessage message = new PresenceMessage(change.userId(), change.online(), change.lastSeenAt(),
                change.changedAt(), fanout.instanceId());
        fanout.send(FanoutTopic.PRESENCE, json.writeValueAsBytes(message), () -> tell(change));
    }

    private void receive(byte[] body) {
        PresenceMessage message;
        try {
            message = json.readValue(body, PresenceMessage.class);
        } catch (JacksonException e) {
            log.warn("Dropped a presence message that is not one: {}", e.getOriginalMessage());
            return;
        }
        if (message.userId() != null && message.changedAt() != null) {
            tell(message.change());
        }
    }

    private void tell(PresenceChange change) {
        List<PresenceListener> all = listeners.orderedStream().toList();
        for (PresenceListener listener : all) {
            try {
                listener.presenceChanged(change);
            } catch (RuntimeException e) {
                log.warn("Presence listener {} failed for user {}: {}", listener.getClass().getSimpleName(),
                        change.userId(), e.toString());
            }
        }
    }
}
