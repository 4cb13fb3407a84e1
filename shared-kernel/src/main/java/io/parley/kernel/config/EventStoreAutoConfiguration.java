package io.parley.kernel.config;

import java.time.Duration;

import javax.sql.DataSource;

import io.parley.kernel.privacy.JdbcPersonalDataKeys;
import io.parley.kernel.privacy.PersonalDataKeys;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

/**
 * The shared PostgreSQL event store, the same in every service: its schema (migrated before Axon's processors
 * start, which is after all singletons), Axon's JDBC schemas mapped to the migration's snake_case names (Axon's
 * defaults are camelCase), and in local mode the storage engine and an event store that is woken when any process
 * appends (PostgreSQL {@code LISTEN/NOTIFY}, {@link EventAppendListener}) and otherwise polls only every
 * {@code parley.event-store.fetch-delay}, the fallback for a lost notification. Declaring the local store here also
 * means local mode can never silently fall back to another engine.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = {
                "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"
        })
@ConditionalOnClass(JdbcEventStorageEngine.class)
@ConditionalOnBean(DataSource.class)
public class EventStoreAutoConfiguration {

    @Bean
    @ConditionalOnClass(Flyway.class)
    @ConditionalOnProperty(name = "parley.event-store.migrate", havingValue = "true", matchIfMissing = true)
    EventStoreSchema eventStoreSchema(DataSource dataSource) {
        return new EventStoreSchema(dataSource);
    }

    /**
     * The personal data keys (crypto-shredding, docs/adr/0007) in the same PostgreSQL in both event store modes.
     * Cached per instance: bounded, and for {@code ttl} at most, the longest another instance may still decrypt
     * an erased user's data (it forgets at once when it reads the erasing event).
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "com.github.benmanes.caffeine.cache.Caffeine")
    PersonalDataKeys personalDataKeys(DataSource dataSource,
                                      @Value("${parley.personal-data.key-cache.max-size:100000}") long maximumSize,
                                      @Value("${parley.personal-data.key-cache.ttl:60s}") Duration ttl) {
        return new JdbcPersonalDataKeys(dataSource, maximumSize, ttl);
    }

    @Bean
    @ConditionalOnMissingBean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** Tracking tokens stay in PostgreSQL in both modes (Axon Server keeps events, not this service's tokens). */
    @Bean
    @ConditionalOnMissingBean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    JdbcEventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                              @Qualifier("eventSerializer") Serializer eventSerializer,
                                              Configuration configuration,
                                              ConnectionProvider connectionProvider,
                                              TransactionManager transactionManager,
                                              EventSchema eventSchema,
                                              @Value("${parley.event-store.gap-timeout:60s}") Duration gapTimeout,
                                              @Value("${parley.event-store.gap-cleaning-threshold:250}")
                                              int gapCleaningThreshold,
                                              @Value("${parley.event-store.quiet-head:500ms}") Duration quietHead) {
        // Axon's defaults, kept on purpose: once a gap is cleaned, an event committed into it later is never seen by
        // a processor, so the gap timeout must outlast any transaction by far. A gap that never fills costs a little
        // in each fetch until then; it does not hold reads back (query-api's SettledGaps decides that, in seconds).
        return new TailingJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .gapTimeout(Math.toIntExact(gapTimeout.toMillis()))
                .gapCleaningThreshold(gapCleaningThreshold)
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema), quietHead);
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    NotifiedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  @Value("${parley.event-store.fetch-delay:1s}") Duration fetchDelay) {
        return new NotifiedEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(fetchDelay.toMillis())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    /** Not where nothing tails the store ({@code parley.event-store.listen=false}: command-api has no processors). */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    @ConditionalOnProperty(name = "parley.event-store.listen", havingValue = "true", matchIfMissing = true)
    @ConditionalOnClass(name = "org.postgresql.PGConnection")
    EventAppendListener eventAppendListener(JdbcConnectionDetails database, NotifiedEventStore eventStore,
                                            @Value("${parley.event-store.min-wake-interval:10ms}") Duration minInterval) {
        return new EventAppendListener(database, eventStore, minInterval);
    }
}
