package io.parley.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.config.EventAppendListener;
import io.parley.kernel.privacy.PersonalDataSerializer;
import io.parley.kernel.testing.AxonModeAssertions;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import io.parley.kernel.testing.ActuatorInfo;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/** Local mode wires the JDBC event store in Spring transactions; a silent fallback fails here. */
class LocalModeConfigurationIT extends CommandApiIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void localMode_usesTheJdbcEventStore_inSpringTransactions() {
        AxonModeAssertions.assertLocalMode(context);
        // Nothing tails the event store here: no connection listens for appends.
        assertThat(context.getBeanNamesForType(EventAppendListener.class)).isEmpty();
        AxonModeAssertions.assertCommitsWaitForDisk(context, true);
    }

    @Test
    void events_areJackson3Json_andRoundTripThroughTheEventStore() {
        String email = uniqueEmail("roundtrip");
        String userId = register(email);

        UserRegisteredEvent event = (UserRegisteredEvent) eventStore.readEvents(userId).next().getPayload();

        // Events go through the crypto-shredding wrapper (docs/adr/0007): the stored email is ciphertext.
        assertThat(eventSerializer).isInstanceOf(PersonalDataSerializer.class)
                .extracting("delegate").isInstanceOf(Jackson3Serializer.class);
        assertThat(context.getBean("serializer")).isInstanceOf(Jackson3Serializer.class);
        byte[] stored = new JdbcTemplate(context.getBean(DataSource.class)).queryForObject(
                "select payload from domain_event_entry where aggregate_identifier = ? and sequence_number = 0",
                byte[].class, userId);
        assertThat(new String(stored, StandardCharsets.UTF_8)).contains(userId).doesNotContain(email);
        assertThat(event.userId()).isEqualTo(userId);
        assertThat(event.email()).isEqualTo(email);
        assertThat(event.roles()).containsExactly(io.parley.kernel.account.Role.USER);
        assertThat(event.registeredAt()).isNotNull();
    }

    @Test
    void operationsEndpoints_andOpenApi_areServed() {
        assertThat(call(HttpMethod.GET, "/actuator/health", null, null).status()).isEqualTo(200);
        int prometheus = RestClient.create("http://localhost:" + port).get().uri("/actuator/prometheus")
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(prometheus).isEqualTo(200);
        Response openApi = call(HttpMethod.GET, "/v3/api-docs", null, null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/api/v1/auth/register")).isTrue();
        Response info = call(HttpMethod.GET, "/actuator/info", null, null);
        assertThat(info.status()).isEqualTo(200);
        ActuatorInfo.assertDescribesTheBuild(info.json().toString(), "command-api");
    }
}
