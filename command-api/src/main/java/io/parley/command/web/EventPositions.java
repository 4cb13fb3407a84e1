package io.parley.command.web;

import io.parley.kernel.config.AppendedPositions;
import jakarta.servlet.Filter;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code X-Position} for command responses: the highest global index of the events the request's commands appended
 * and committed (read from the append itself, {@link AppendedPositions}), or, when none was appended here (a send
 * repeated by clientMessageId, a command retried on another thread, Axon Server mode), the event store's head after
 * the command. Either is at least the position of the command's own events, so a client can pass it to query-api as
 * X-Min-Position.
 */
@Component
public class EventPositions {

    public static final String HEADER = "X-Position";

    private final EventStore eventStore;

    EventPositions(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Opens an {@link AppendedPositions} scope for each request. */
    static Filter scopePerRequest() {
        return (request, response, chain) -> {
            try (AppendedPositions.Scope scope = AppendedPositions.open()) {
                chain.doFilter(request, response);
            }
        };
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** A response builder for a command that appended events. */
    public ResponseEntity.BodyBuilder status(HttpStatus status) {
        long position = AppendedPositions.committed().orElseGet(this::head);
        return ResponseEntity.status(status).header(HEADER, Long.toString(position));
    }
}
