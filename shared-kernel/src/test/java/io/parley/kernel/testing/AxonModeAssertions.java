package io.parley.kernel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import io.parley.kernel.config.EventAppendListener;
import io.parley.kernel.config.NotifiedEventStore;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.springboot.TimeoutProperties;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What each service's configuration test asserts about the two event store modes. A silent fallback (an
 * in-memory store, a no-op transaction manager) must fail the build: see docs/pitfalls.md 3.
 */
public final class AxonModeAssertions {

    private AxonModeAssertions() {
    }

    /** Local mode: Axon's JDBC storage engine and token store on PostgreSQL, in Spring-managed transactions. */
    public static void assertLocalMode(ApplicationContext context) {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(NotifiedEventStore.class);
        assertThat(context.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
        assertThat(context.getBean(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
        assertNoTimerPerHandlerCall(context);
    }

    /**
     * No timer around each handler call (it captures a stack trace each time, docs/benchmarks.md "fourth step"); the
     * unit of work's own timeout stays.
     */
    public static void assertNoTimerPerHandlerCall(ApplicationContext context) {
        TimeoutProperties timeouts = context.getBean(TimeoutProperties.class);
        assertThat(timeouts.isEnabled()).isTrue();
        for (TaskTimeoutSettings handler : List.of(timeouts.getHandler().getCommands(),
                timeouts.getHandler().getEvents(), timeouts.getHandler().getQueries())) {
            assertThat(handler.getTimeoutMs()).isNegative();
            assertThat(handler.getWarningThresholdMs()).isNegative();
        }
    }

    /**
     * Whether the service's commits wait for PostgreSQL's WAL to reach disk: command-api's appends must; a service that
     * writes only tracking tokens need not (docs/benchmarks.md, "fourth step").
     */
    public static void assertCommitsWaitForDisk(ApplicationContext context, boolean wait) {
        String setting = new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SHOW synchronous_commit", String.class);
        assertThat(setting).isEqualTo(wait ? "on" : "off");
    }

    /** A service with event processors is woken when any process appends (PostgreSQL LISTEN/NOTIFY). */
    public static void assertListensForAppends(ApplicationContext context) {
        assertThat(context.getBean(EventAppendListener.class).isRunning()).isTrue();
    }

    /** Axon Server mode: events, commands and queries through Axon Server (none needs to be running). */
    public static void assertAxonServerMode(ApplicationContext context) {
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
        assertThat(context.getBeanNamesForType(EventAppendListener.class)).isEmpty();
    }
}
