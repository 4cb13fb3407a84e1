package io.parley.kernel.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine, reading the tail of the store with fewer queries, for an event store that is told of
 * every append ({@link NotifiedEventStore}). Axon's stream of tracked events fetches batch after batch until one comes
 * back empty (and an empty fetch asks once more, for the next index beyond a wide gap), and its embedded store's
 * producer opens a new stream after every stream that found events: three fetches and two look-ups per wake-up where
 * one fetch finds the event. Here a stream ends at the head: at a batch that reached the highest position any append
 * notified ({@link #appended(long)}) or that came back empty. A stream opened again at the token where the last one
 * ended at the head, with no append told of since that fetch began, is empty without a query, for {@code quiet}: a
 * lost notification costs at most the event store's next poll after that, never an event.
 * <p>
 * On a thread that records {@link AppendedPositions} (a command-api request), the append's insert returns the global
 * indexes it was given, in append order, so the command's answer carries its own position without another query.
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
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events,
                                             Serializer serializer) throws SQLException {
        if (!AppendedPositions.recording()) {
            return super.appendEvents(connection, events, serializer);
        }
        String[] globalIndex = {schema().globalIndexColumn()};
        PreparedStatement insert = super.appendEvents(proxy(Connection.class, (method, args) ->
                method.getName().equals("prepareStatement") && args.length == 1
                        ? connection.prepareStatement((String) args[0], globalIndex)
                        : method.invoke(connection, args)), events, serializer);
        return proxy(PreparedStatement.class, (method, args) -> {
            Object result = method.invoke(insert, args);
            if (method.getName().equals("executeBatch")) {
                LongStream.Builder indexes = LongStream.builder();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        indexes.add(keys.getLong(1));
                    }
                }
                AppendedPositions.appended(indexes.build().toArray());
            }
            return result;
        });
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws Exception;
    }

    /** A {@code type} whose every method goes to {@code call}, with its arguments (never null). */
    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return call.invoke(method, args == null ? new Object[0] : args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
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
