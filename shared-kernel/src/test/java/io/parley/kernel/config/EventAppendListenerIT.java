package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.parley.kernel.testing.TestInfrastructure;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Two event stores on one PostgreSQL database stand for two processes: what one appends, the other's tailing
 * consumers see at once when it listens for appends, though its own poll would wait an hour.
 */
class EventAppendListenerIT {

    private static final long AN_HOUR = Duration.ofHours(1).toMillis();
    private static PGSimpleDataSource dataSource;

    private final NotifiedEventStore reader = store();
    private final NotifiedEventStore writer = store();
    private EventAppendListener listener;
    private TrackingEventStream stream;

    @BeforeAll
    static void database() {
        dataSource = KernelDatabase.eventStore();
    }

    @AfterEach
    void close() {
        if (listener != null) {
            listener.stop();
        }
        if (stream != null) {
            stream.close();
        }
        reader.shutDown();
        writer.shutDown();
    }

    @Test
    void eventsAppendedElsewhere_reachTailingConsumersAtOnce_whenListening() throws InterruptedException {
        listener = new EventAppendListener(details(), reader, Duration.ofMillis(10));
        listener.start();
        stream = tailFromHead(reader);

        append("wake-me");

        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("wake-me");
    }

    @Test
    void eventsAppendedElsewhere_waitForThePoll_withoutListening() throws InterruptedException {
        stream = tailFromHead(reader);

        append("nobody-wakes-me");

        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isFalse();
    }

    private static TrackingEventStream tailFromHead(NotifiedEventStore store) throws InterruptedException {
        TrackingEventStream opened = store.openStream(store.createHeadToken());
        // The producer starts with the first stream and fetches once: nothing is there yet.
        assertThat(opened.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
        return opened;
    }

    private void append(String payload) {
        writer.publish(List.of(new GenericDomainEventMessage<>("Test", UUID.randomUUID().toString(), 0, payload)));
    }

    private static NotifiedEventStore store() {
        ConnectionProvider connections = () -> dataSource.getConnection();
        Jackson3Serializer serializer = Jackson3Serializer.builder().build();
        // As the services build it: a stream at the head fetches nothing more until an append is told of.
        JdbcEventStorageEngine engine = new TailingJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(new EventStoreAutoConfiguration().eventSchema()), Duration.ofHours(1));
        return new NotifiedEventStore(EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(AN_HOUR));
    }

    private static JdbcConnectionDetails details() {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return TestInfrastructure.postgresUser();
            }

            @Override
            public String getPassword() {
                return TestInfrastructure.postgresPassword();
            }

            @Override
            public String getJdbcUrl() {
                return dataSource.getURL();
            }
        };
    }
}
