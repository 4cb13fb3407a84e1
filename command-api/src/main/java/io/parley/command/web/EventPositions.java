package io.parley.command.web;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code X-Position} for command responses: the event store's head after the command committed, which is at
 * least the position of the command's own events, so a client can pass it to query-api as X-Min-Position.
 */
@Component
public class EventPositions {

    public static final String HEADER = "X-Position";

    private final EventStore eventStore;

    EventPositions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** A response builder for a command that appended events. */
    public ResponseEntity.BodyBuilder status(HttpStatus status) {
        return ResponseEntity.status(status).header(HEADER, Long.toString(head()));
    }
}
