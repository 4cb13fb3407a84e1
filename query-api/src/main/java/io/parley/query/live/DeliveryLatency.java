package io.parley.query.live;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * {@code parley.live.delivery}: from a message's creation (the event's time, set by command-api) to its live
 * {@code message.created} frame written to a subscriber's socket (handed to the WebSocket session, after Spring's
 * STOMP encoding). One timer record per frame, nothing else; backlog frames are not measured.
 */
@Component
class DeliveryLatency implements ExecutorChannelInterceptor {

    static final String CREATED_AT = "parleyCreatedAt";

    private final Timer timer;

    DeliveryLatency(MeterRegistry meters) {
        this.timer = Timer.builder("parley.live.delivery")
                .description("From a message's event to its live frame written to a subscriber")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        if (ex == null && message.getHeaders().get(CREATED_AT) instanceof Instant createdAt) {
            timer.record(Math.max(0, System.currentTimeMillis() - createdAt.toEpochMilli()), TimeUnit.MILLISECONDS);
        }
    }
}
