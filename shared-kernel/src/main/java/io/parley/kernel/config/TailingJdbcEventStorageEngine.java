package io.parley.kernel.config;

import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, reading the tail of the store with fewer queries, for an event store that is told of
 * every append ({@link NotifiedEventStore}). Axon's stream of tracked events fetches batch after batch until one comes
 * back empty (and an empty fetch asks once more, for the next index beyond a wide gap), and its embedded store's
 * producer opens a new stream after every stream that found events: three fetches and two look-ups per wake-up where
 * one fetch finds the event. Here a stream ends at the head: at a batch that reached the highest position any append
 * notified ({@link #appended(long)}) or that came back empty. A stream opened again at the token where the last one
 * ended at the head, with no append told of since that fetch began, is empty without a query, for {@code quiet}: a
 * lost notification costs at most the event store's next poll after that, never an event.
 */
public class TailingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final long quietNanos;
    private final AtomicLong appends = new AtomicLong();
    private final AtomicLong notifiedHead = new AtomicLong(-1);
    private volatile Head head;

    /** Where the last stream ended at the head, after how many appends told of, and when its fetch began. */
    private record Head(TrackingToken token, long appends, long at) {
    }

    public TailingJdbcEventStorageEngine(Builder builder, Duration quiet) {
        super(builder);
        this.quietNanos = quiet.toNanos();
    }

    /** Events were appended, up to {@code position} (negative: not known); before the store fetches for them. */
    public void appended(long position) {
        notifiedHead.accumulateAndGet(position, Math::max);
        appends.incrementAndGet();
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        Head last = head;
        if (last != null && last.appends() == appends.get() && Objects.equals(last.token(), trackingToken)
                && System.nanoTime() - last.at() < quietNanos) {
            return Stream.empty();
        }
        return StreamSupport.stream(new ToTheHead(trackingToken), false);
    }

    private final class ToTheHead extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
        private boolean atHead;

        ToTheHead(TrackingToken from) {
            super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT | CONCURRENT);
            this.last = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext()) {
                if (atHead) {
                    return false;
                }
                long seen = appends.get();
                long notified = notifiedHead.get();
                long at = System.nanoTime();
                List<? extends TrackedEventData<?>> fetched = fetchTrackedEvents(last, batchSize());
                TrackingToken reached = fetched.isEmpty() ? last : fetched.getLast().trackingToken();
                atHead = fetched.isEmpty() || notified >= 0 && position(reached) >= notified;
                if (atHead) {
                    head = new Head(reached, seen, at);
                }
                batch = fetched.iterator();
                if (!batch.hasNext()) {
                    return false;
                }
            }
            TrackedEventData<?> next = batch.next();
            last = next.trackingToken();
            action.accept(next);
            return true;
        }

        private static long position(TrackingToken token) {
            return token == null ? -1 : token.position().orElse(-1);
        }
    }
}
