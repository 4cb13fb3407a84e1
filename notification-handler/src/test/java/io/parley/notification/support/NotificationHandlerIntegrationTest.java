package io.parley.notification.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.notification.NotificationHandlerApplication;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context the notification handler's integration tests share: the service on a random port against
 * real PostgreSQL (event store, tokens), the in-JVM MongoDB wire server, the real RabbitMQ (with a prefix of this
 * JVM's own, reached through a proxy a test can cut) and GreenMail as SMTP server. Tests append events as command-api would and read the mail GreenMail got.
 */
@SpringBootTest(classes = NotificationHandlerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.axonframework.eventhandling.TrackingEventProcessor=WARN")
public abstract class NotificationHandlerIntegrationTest {

    protected static final String USER_AGGREGATE = "User";
    protected static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.postgresUrl("parley_notification_it"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("spring.mongodb.uri", () -> TestInfrastructure.mongoUri("parley_notification_it"));
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
        registry.add("parley.notifications.prefix", () -> TestBroker.PREFIX);
        registry.add("parley.notifications.broker.uri", TestBroker::proxiedUri);
        registry.add("parley.notifications.broker.recovery-interval", () -> "500ms");
        registry.add("parley.notifications.broker.required", () -> "true");
        registry.add("parley.notifications.retry-delays", TestBroker::retryDelays);
        registry.add("parley.notifications.claim-timeout", () -> "3s");
        registry.add("parley.notifications.email.password-reset-url", () -> "https://parley.test/reset?token=");
    }

    /** Appends events of one user's aggregate with the next sequence numbers; returns the messages (with ids). */
    protected List<GenericDomainEventMessage<?>> append(String userId, Object... payloads) {
        long next = eventStore.lastSequenceNumberFor(userId).map(last -> last + 1).orElse(0L);
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(new GenericDomainEventMessage<>(USER_AGGREGATE, userId, next++, payload));
        }
        eventStore.publish(messages);
        return messages;
    }

    /** A counter of the notification metrics for the email channel, e.g. "sent", "dead.lettered". */
    protected double emailCount(String name) {
        return meters.get("parley.notifications." + name).tag("channel", "email").counter().count();
    }

    /** Waits until every email job published so far has been finished one way or another. */
    protected void awaitEmailJobsSettled() {
        await().atMost(WAIT).until(() -> emailCount("published")
                <= emailCount("sent") + emailCount("duplicates") + emailCount("dropped") + emailCount("dead.lettered"));
    }
}
