package io.parley.kernel.config;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, which wakes its tracking consumers when this JVM appends events, and here also when
 * another process did ({@link #wake}, called by {@link EventAppendListener}). Between wake-ups it still polls, every
 * {@code parley.event-store.fetch-delay}, so a lost notification costs latency, never an event. Every append it is
 * told of, here or elsewhere, is passed on to a {@link TailingJdbcEventStorageEngine} before the store fetches.
 */
public class NotifiedEventStore extends EmbeddedEventStore {

    private final TailingJdbcEventStorageEngine tailing;

    NotifiedEventStore(Builder builder) {
        super(builder);
        this.tailing = storageEngine() instanceof TailingJdbcEventStorageEngine engine ? engine : null;
    }

    /** Another process appended events, up to {@code position} (negative: not known). */
    public void appended(long position) {
        if (tailing != null) {
            tailing.appended(position);
        }
    }

    /** Fetches new events now if the producer is waiting for some, as after an append in this JVM. */
    public void wake() {
        afterCommit(List.of());
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        appended(-1);
        super.afterCommit(events);
    }
}
