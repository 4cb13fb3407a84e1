package io.parley.query.web;

import java.time.Duration;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The wait behind {@code X-Min-Position}, for GETs and STOMP SUBSCRIBEs alike: returns once every projection of this
 * service has processed the position; a malformed position or one beyond the end of the event store is refused at
 * once, and a position not reached within the bounded wait fails with {@code POSITION_NOT_REACHED}.
 */
@Component
public class ReadYourWrites {

    public static final String HEADER = "X-Min-Position";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private final ProcessedPositions positions;
    private final EventStore eventStore;
    private final ReadYourWritesProperties properties;

    ReadYourWrites(ProcessedPositions positions, EventStore eventStore, ReadYourWritesProperties properties) {
        this.positions = positions;
        this.eventStore = eventStore;
        this.properties = properties;
    }

    /**
     * @param header the header's value as the client sent it
     * @throws ErrorCodeException {@code VALIDATION_FAILED} (field: the header) or {@code POSITION_NOT_REACHED}
     */
    public void await(String header) {
        long position = parse(header.strip());
        if (positions.reached(position)) {
            return;
        }
        if (position > eventStore.createHeadToken().position().orElse(0L)) {
            throw new InvalidHeaderException(HEADER, "is beyond the end of the event store");
        }
        if (!positions.await(position, properties.timeout(), properties.recheck())) {
            log.info("Position {} not reached within {}: {}", position, properties.timeout(), positions.behind(position));
            throw new PositionNotReachedException(position, RETRY_AFTER);
        }
    }

    private static long parse(String value) {
        try {
            long position = Long.parseLong(value);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below like a negative number
        }
        throw new InvalidHeaderException(HEADER, "must be a non-negative whole number");
    }
}
