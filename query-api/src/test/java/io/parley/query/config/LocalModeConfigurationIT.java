package io.parley.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.config.EventAppendListener;
import io.parley.query.projection.ProjectionProcessor;
import io.parley.kernel.config.NotifiedEventStore;
import io.parley.kernel.privacy.PersonalDataSerializer;
import io.parley.kernel.testing.AxonModeAssertions;
import io.parley.query.support.QueryApiIntegrationTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** Local mode must run on the JDBC event store with Spring's transactions; a silent in-memory fallback fails here. */
class LocalModeConfigurationIT extends QueryApiIntegrationTest {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private TransactionManager axonTransactionManager;
    @Autowired
    private PlatformTransactionManager springTransactionManager;
    @Autowired
    private TokenStore tokenStore;
    @Autowired
    private QueryBus queryBus;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private EventAppendListener appendListener;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;
    @Autowired
    @Qualifier("serializer")
    private Serializer generalSerializer;
    @Autowired
    @Qualifier("messageSerializer")
    private Serializer messageSerializer;

    @Test
    void localMode_usesTheJdbcEventStoreWithSpringTransactions() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(eventStore).isInstanceOf(NotifiedEventStore.class);
        assertThat(appendListener.isRunning()).isTrue();
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(springTransactionManager).isInstanceOf(JdbcTransactionManager.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(queryBus).isInstanceOf(SimpleQueryBus.class);
        AxonModeAssertions.assertCommitsWaitForDisk(context, false);
    }

    @Test
    void everyProjection_runsInTheOneTrackingProcessorDeclaredInConfiguration_andThereIsNoOtherProcessor() {
        assertThat(processing.eventProcessors()).containsOnlyKeys(ProjectionProcessor.NAME);
        assertThat(processing.eventProcessors().values()).allSatisfy(processor ->
                assertThat(processor).isInstanceOf(TrackingEventProcessor.class));
        assertThat(List.of("user-view", "session-revocation", "conversation-view", "inbox-view", "message-view",
                "edit-history-view", "receipt-view", "message-search", "contact-view", "audit-log"))
                .allSatisfy(group -> assertThat(processing.eventProcessorByProcessingGroup(group))
                        .hasValueSatisfying(processor ->
                                assertThat(processor.getName()).isEqualTo(ProjectionProcessor.NAME)));
    }

    @Test
    void serializers_areJackson3() {
        assertThat(eventSerializer).isInstanceOf(PersonalDataSerializer.class)
                .extracting("delegate").isInstanceOf(Jackson3Serializer.class);
        assertThat(generalSerializer).isInstanceOf(Jackson3Serializer.class);
        assertThat(messageSerializer).isInstanceOf(Jackson3Serializer.class);
    }

    @Test
    void accountEvent_roundTripsThroughTheEventStore() {
        String userId = UUID.randomUUID().toString();
        UserRegisteredEvent registered = new UserRegisteredEvent(userId, "RoundTrip@Example.com", "Round Trip",
                Set.of(Role.USER, Role.ADMIN), Instant.now().truncatedTo(ChronoUnit.MICROS));

        append(userId, registered);

        DomainEventMessage<?> stored = eventStore.readEvents(userId).next();
        assertThat(stored.getPayload()).isEqualTo(registered);
        assertThat(stored.getType()).isEqualTo(USER_AGGREGATE);
        assertThat(stored.getSequenceNumber()).isZero();
    }
}
