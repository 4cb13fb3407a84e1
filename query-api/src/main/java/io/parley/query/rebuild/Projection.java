package io.parley.query.rebuild;

import java.util.List;

import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * One projection: a processing group of this service, its event handler classes, and the tracking processor that
 * runs it (shared with the other projections, see {@code projection.ProjectionProcessor}).
 */
public record Projection(String name, StreamingEventProcessor processor, List<Class<?>> handlerTypes) {

    public Projection {
        handlerTypes = List.copyOf(handlerTypes);
    }
}
