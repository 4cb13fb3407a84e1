package io.parley.query.live;

import java.time.Duration;
import java.util.List;

import io.parley.query.web.ProcessedPositions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The delivery processor of this instance ({@link LiveDeliveryConfig}): a tracking processor named
 * {@code live-delivery-<instance id>} that every instance runs for itself over the whole event store (one segment,
 * tokens in memory, starting at the head when the instance starts), so each instance emits every update to its own
 * subscribers. The projections, by contrast, run
 * once (their segments are claimed by one instance).
 * <p>
 * Its handlers read the read models, so before handling an event they wait ({@link #await}) until the projections
 * they read have processed that event: delivery never runs ahead of the read model (the gap-free backlog/update
 * hand-over of {@link MessageStream} depends on it). No transaction: nothing it does is in PostgreSQL, and a
 * connection must not be held while it waits.
 */
@Component
public class LiveDelivery {

    /** The processing group of every delivery handler. */
    public static final String PROCESSING_GROUP = "live-delivery";
    /** Names of the projections delivery handlers wait for. */
    public static final String MESSAGES = "message-view";
    public static final String INBOX = "inbox-view";
    public static final String CONVERSATIONS = "conversation-view";
    public static final String RECEIPTS = "receipt-view";

    private static final Logger log = LoggerFactory.getLogger(LiveDelivery.class);
    private static final Duration POLL = Duration.ofMillis(5);

    private final ProcessedPositions positions;
    private final Duration timeout;

    @Autowired
    LiveDelivery(ProcessedPositions positions, LiveProperties properties) {
        this(positions, properties.readModelWait());
    }

    LiveDelivery(ProcessedPositions positions, Duration timeout) {
        this.positions = positions;
        this.timeout = timeout;
    }

    static String processorName(LiveInstance instance) {
        return ProcessedPositions.PER_INSTANCE_PREFIX + instance.id();
    }

    /**
     * Waits until each of the projections has processed the event. False when they did not within
     * {@code parley.live.read-model-wait}: the caller then delivers nothing for it (a message stream notices the
     * missing seq at the next message and asks its client to resubscribe). An event that did not come from the event
     * store (a test calling a handler directly) passes at once.
     */
    public boolean await(EventMessage<?> event, String... projections) {
        if (!(event instanceof TrackedEventMessage<?> tracked) || tracked.trackingToken() == null) {
            return true;
        }
        long position = tracked.trackingToken().position().orElse(-1L);
        if (position < 0) {
            return true;
        }
        if (positions.awaitEvent(List.of(projections), position, timeout, POLL)) {
            return true;
        }
        log.warn("{} not at position {} within {}: {} delivered nothing for it", List.of(projections), position,
                timeout, event.getPayloadType().getSimpleName());
        return false;
    }
}
