package io.parley.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import io.parley.kernel.testing.AxonModeAssertions;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.notification.job.BrokerUnavailableException;
import io.parley.notification.job.JobPublisher;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The axonserver profile wires Axon Server's store and buses; no server needs to run for the wiring. Neither does
 * a RabbitMQ: this context points at a port where none listens, and still starts.
 */
@SpringBootTest
@ActiveProfiles("axonserver")
class AxonServerModeIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.postgresUrl("parley_notification_it"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.mongoUri("parley_notification_axonserver_it"));
        registry.add("axon.axonserver.servers", () -> "127.0.0.1:1");
        registry.add("parley.notifications.broker.uri", () -> "amqp://guest:guest@127.0.0.1:1/");
        registry.add("parley.notifications.broker.required", () -> "false");
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JobPublisher jobs;

    @Autowired
    @Qualifier("rabbitHealthIndicator")
    HealthIndicator rabbitHealth;

    @Test
    void axonServerProfile_wiresAxonServerEventStoreCommandBusAndQueryBus() {
        AxonModeAssertions.assertAxonServerMode(context);
    }

    @Test
    void unreachableBroker_doesNotStopTheService_butPublishingFailsSoTheProcessorRetries() {
        assertThat(rabbitHealth.health().getStatus().getCode()).isEqualTo("UNREACHABLE");
        assertThat(rabbitHealth.health().getDetails()).containsEntry("required", false)
                .containsEntry("broker", "amqp://127.0.0.1:1/")
                .doesNotContainValue("guest");

        NotificationJob job = NotificationJob.of("event-1", NotificationChannel.EMAIL, "welcome", "user-1",
                "someone@parley.test", Map.of("displayName", "Someone"), Instant.now());
        assertThatThrownBy(() -> jobs.publish(job)).isInstanceOf(BrokerUnavailableException.class);
    }
}
