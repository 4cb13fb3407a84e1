package io.parley.kernel.config;

import java.util.List;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, which wakes its tracking consumers when this JVM appends events, and here also when
 * another process did ({@link #wake}, called by {@link EventAppendListener}). Between wake-ups it still polls, every
 * {@code parley.event-store.fetch-delay}, so a lost notification costs latency, never an event.
 */
public class NotifiedEventStore extends EmbeddedEventStore {

    NotifiedEventStore(Builder builder) {
        super(builder);
    }

    /** Fetches new events now if the producer is waiting for some, as after an append in this JVM. */
    public void wake() {
        afterCommit(List.of());
    }
}
