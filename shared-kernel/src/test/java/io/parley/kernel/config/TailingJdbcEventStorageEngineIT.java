package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reading the tail of a real store: how many fetches a stream makes, and when it makes none. */
class TailingJdbcEventStorageEngineIT {

    private static PGSimpleDataSource dataSource;

    private final CountingEngine engine = new CountingEngine(Duration.ofHours(1));

    @BeforeAll
    static void database() {
        dataSource = KernelDatabase.eventStore();
    }

    @Test
    void aStream_endsAtTheNotifiedHead_withOneFetch() {
        TrackingToken start = engine.createHeadToken();
        long head = append(engine, 3);
        engine.appended(head);

        List<TrackedEventMessage<?>> read = read(engine, start);

        assertThat(read).hasSize(3);
        assertThat(engine.fetches).hasValue(1);
    }

    @Test
    void aStreamAtTheHead_isEmptyWithoutAFetch_untilAnAppendIsToldOf() {
        TrackingToken start = engine.createHeadToken();
        engine.appended(append(engine, 1));
        TrackingToken atHead = read(engine, start).getLast().trackingToken();
        int fetched = engine.fetches.get();

        long appended = append(engine, 1);
        assertThat(read(engine, atHead)).isEmpty();
        assertThat(engine.fetches).hasValue(fetched);

        engine.appended(appended);
        assertThat(read(engine, atHead)).hasSize(1);
        assertThat(engine.fetches).hasValue(fetched + 1);
    }

    @Test
    void anAppendNobodyToldOf_isFoundOnceTheQuietSpellIsOver() {
        CountingEngine briefly = new CountingEngine(Duration.ofMillis(200));
        TrackingToken start = briefly.createHeadToken();
        briefly.appended(append(briefly, 1));
        TrackingToken atHead = read(briefly, start).getLast().trackingToken();

        append(briefly, 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> read(briefly, atHead).size() == 1);
    }

    @Test
    void aBatchShortOfTheNotifiedHead_isNotTheHead_evenWhenAHoleMakesItShort() {
        CountingEngine small = new CountingEngine(Duration.ofHours(1), 4);
        TrackingToken start = small.createHeadToken();
        long head = append(small, 10);
        // A hole in the first batch's positions (an insert that rolled back leaves one too) makes it three events.
        long first = head - 9;
        new JdbcTemplate(dataSource)
                .update("delete from domain_event_entry where global_index = ?", first + 1);
        small.appended(head);

        List<TrackedEventMessage<?>> read = read(small, start);

        assertThat(read).hasSize(9);
        assertThat(read.getLast().trackingToken().position()).hasValue(head);
    }

    @Test
    void anAppendInAScope_countsAtItsOwnIndex_onceItsUnitOfWorkCommits() throws Exception {
        try (AppendedPositions.Scope scope = AppendedPositions.open()) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            long own = append(engine, 2);
            // Another writer appends meanwhile: the head moves past the command's own events.
            long other = CompletableFuture.supplyAsync(() -> append(engine, 1)).get(10, TimeUnit.SECONDS);
            assertThat(AppendedPositions.committed()).isEmpty();

            unitOfWork.commit();

            assertThat(other).isGreaterThan(own);
            assertThat(AppendedPositions.committed()).hasValue(own);
            // Each event's own index, in append order (a batch of several requests' messages hands each its own).
            assertThat(AppendedPositions.committedInOrder()).containsExactly(own - 1, own);
        }
        assertThat(AppendedPositions.committed()).isEmpty();
        assertThat(AppendedPositions.committedInOrder()).isEmpty();
    }

    @Test
    void anIndexCommittedOnAnotherThread_isAdoptedIntoThisThreadsScope_only() {
        AppendedPositions.adopt(7);
        assertThat(AppendedPositions.committed()).isEmpty();
        try (AppendedPositions.Scope scope = AppendedPositions.open()) {
            AppendedPositions.adopt(7);
            AppendedPositions.adopt(5);
            assertThat(AppendedPositions.committed()).hasValue(7);
            assertThat(AppendedPositions.committedInOrder()).containsExactly(7, 5);
        }
    }

    @Test
    void anAppendRolledBack_orOutsideAScope_countsNothing() {
        try (AppendedPositions.Scope scope = AppendedPositions.open()) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            append(engine, 1);
            unitOfWork.rollback();
            assertThat(AppendedPositions.committed()).isEmpty();
        }
        UnitOfWork<?> unscoped = DefaultUnitOfWork.startAndGet(null);
        append(engine, 1);
        unscoped.commit();
        assertThat(AppendedPositions.committed()).isEmpty();
    }

    private static List<TrackedEventMessage<?>> read(JdbcEventStorageEngine engine, TrackingToken from) {
        try (var stream = engine.readEvents(from, true)) {
            return stream.<TrackedEventMessage<?>>map(event -> event).toList();
        }
    }

    /** Appends events one by one; the global position of the last. */
    private static long append(JdbcEventStorageEngine engine, int count) {
        String aggregate = UUID.randomUUID().toString();
        IntStream.range(0, count).forEach(sequence -> engine.appendEvents(
                new GenericDomainEventMessage<>("Test", aggregate, sequence, "event-" + sequence)));
        return engine.createHeadToken().position().orElseThrow();
    }

    private static final class CountingEngine extends TailingJdbcEventStorageEngine {

        final AtomicInteger fetches = new AtomicInteger();

        CountingEngine(Duration quiet) {
            this(quiet, 100);
        }

        CountingEngine(Duration quiet, int batchSize) {
            super(builder(batchSize), quiet);
        }

        @Override
        protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
            fetches.incrementAndGet();
            return super.fetchTrackedEvents(lastToken, batchSize);
        }

        private static Builder builder(int batchSize) {
            ConnectionProvider connections = () -> dataSource.getConnection();
            Jackson3Serializer serializer = Jackson3Serializer.builder().build();
            return JdbcEventStorageEngine.builder()
                    .connectionProvider(connections)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .batchSize(batchSize)
                    .schema(new EventStoreAutoConfiguration().eventSchema());
        }
    }
}
