package io.parley.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.testing.TestInfrastructure;
import io.parley.query.QueryApiApplication;
import io.parley.query.support.TestTokens;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Profile {@code axonserver} wires Axon Server's event store and buses, checked without a server (nothing
 * listens on the configured address; the connector retries in the background). Tokens stay in PostgreSQL, in a
 * database of their own so this context never competes for the shared test context's token claims.
 */
@SpringBootTest(classes = QueryApiApplication.class)
@ActiveProfiles("axonserver")
@DirtiesContext
class AxonServerModeConfigurationIT {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private CommandBus commandBus;
    @Autowired
    private QueryBus queryBus;
    @Autowired
    private TokenStore tokenStore;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.postgresUrl("parley_query_axonserver_it"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.mongoUri("parley_query_axonserver_it"));
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens::jwksUri);
        registry.add("axon.axonserver.servers", () -> "127.0.0.1:1");
    }

    @Test
    void axonServerProfile_wiresAxonServersEventStoreAndBuses() {
        assertThat(eventStore).isInstanceOf(AxonServerEventStore.class);
        assertThat(commandBus).isInstanceOf(AxonServerCommandBus.class);
        assertThat(queryBus).isInstanceOf(AxonServerQueryBus.class);
        assertThat(context.getBeansOfType(JdbcEventStorageEngine.class)).isEmpty();
    }

    @Test
    void axonServerProfile_keepsTrackingTokensInPostgres() {
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    }
}
