package io.parley.query.live;

import io.parley.query.fanout.FanoutTopic;
import io.parley.query.fanout.LiveFanout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typing signals over the typing fanout exchange: every instance, this one included, delivers them to its own
 * subscribers when they arrive. Without a broker they go to this instance's subscribers directly.
 */
@Component
class FanoutTypingPublisher implements TypingPublisher {

    private static final Logger log = LoggerFactory.getLogger(FanoutTypingPublisher.class);

    private final LiveFanout fanout;
    private final Pushes pushes;
    private final JsonMapper json;

    FanoutTypingPublisher(LiveFanout fanout, Pushes pushes, JsonMapper json) {
        this.fanout = fanout;
        this.pushes = pushes;
        this.json = json;
        fanout.onMessage(FanoutTopic.TYPING, this::receive);
    }

    @Override
    public void publish(TypingSignal signal) {
        TypingMessage message = new TypingMessage(signal.conversationId(), signal.userId(), signal.typing(),
                signal.sessionId(), fanout.instanceId());
        fanout.send(FanoutTopic.TYPING, json.writeValueAsBytes(message), () -> pushes.toTyping(signal));
    }

    private void receive(byte[] body) {
        TypingMessage message;
        try {
            message = json.readValue(body, TypingMessage.class);
        } catch (JacksonException e) {
            log.warn("Dropped a typing message that is not one: {}", e.getOriginalMessage());
            return;
        }
        if (message.conversationId() != null && message.userId() != null) {
            pushes.toTyping(new TypingSignal(message.conversationId(), message.userId(), message.typing(),
                    message.sessionId()));
        }
    }

    /** A typing signal on the typing fanout exchange. */
    record TypingMessage(String conversationId, String userId, boolean typing, String sessionId, String instanceId) {
    }
}
