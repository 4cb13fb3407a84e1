package io.parley.notification.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationIds;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.notification.NotificationHandlerApplication;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context the notification handler's integration tests share: the service on a random port against
 * real PostgreSQL (event store, tokens), the in-JVM MongoDB wire server, the real RabbitMQ (with a prefix of this
 * JVM's own, reached through a proxy a test can cut), GreenMail as SMTP server and Firebase faked at its HTTP
 * transport ({@link FakeFcm}). Tests append events as command-api would and read the mail GreenMail and the pushes
 * FCM got. Digests: a message is worth one after an hour unread, and the service looks every half second.
 */
@SpringBootTest(classes = NotificationHandlerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.axonframework.eventhandling.TrackingEventProcessor=WARN")
@Import(FakeFcm.Options.class)
public abstract class NotificationHandlerIntegrationTest {

    protected static final String USER_AGGREGATE = "User";
    protected static final String CONVERSATION_AGGREGATE = "Conversation";
    protected static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    protected EventStore eventStore;

    @Autowired
    protected MeterRegistry meters;

    private final Map<String, Long> seqs = new HashMap<>();

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
        registry.add("parley.notifications.presence.live-prefix", () -> TestBroker.LIVE_PREFIX);
        registry.add("parley.notifications.digest.delay", () -> "1h");
        registry.add("parley.notifications.digest.period", () -> "24h");
        registry.add("parley.notifications.digest.check-interval", () -> "500ms");
    }

    /** Appends events of one user's aggregate with the next sequence numbers; returns the messages (with ids). */
    protected List<GenericDomainEventMessage<?>> append(String userId, Object... payloads) {
        return appendTo(USER_AGGREGATE, userId, payloads);
    }

    /** Appends events of one aggregate with the next sequence numbers; returns the messages (with ids). */
    protected List<GenericDomainEventMessage<?>> appendTo(String aggregateType, String aggregateId, Object... payloads) {
        long next = eventStore.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, next++, payload));
        }
        eventStore.publish(messages);
        return messages;
    }

    /** Registers a user (email {@code <userId>@parley.test}, everything on); returns the id. */
    protected String registerUser(String displayName) {
        String userId = "user-" + UUID.randomUUID();
        append(userId, new UserRegisteredEvent(userId, addressOf(userId), displayName, Set.of(Role.USER), Instant.now()));
        return userId;
    }

    protected static String addressOf(String userId) {
        return userId + "@parley.test";
    }

    /** Creates a group of the creator (owner) and the members; returns its id. */
    protected String createGroup(String name, Instant at, String creator, String... members) {
        String conversationId = "group-" + UUID.randomUUID();
        List<ConversationMember> all = new ArrayList<>();
        all.add(new ConversationMember(creator, MemberRole.OWNER));
        for (String member : members) {
            all.add(new ConversationMember(member, MemberRole.MEMBER));
        }
        appendTo(CONVERSATION_AGGREGATE, conversationId, new ConversationCreatedEvent(conversationId,
                ConversationType.GROUP, name, creator, all, at));
        return conversationId;
    }

    /** Opens the direct conversation of two users; returns its id. */
    protected String openDirect(String initiator, String other, Instant at) {
        String conversationId = ConversationIds.direct(initiator, other);
        appendTo(CONVERSATION_AGGREGATE, conversationId, new ConversationCreatedEvent(conversationId,
                ConversationType.DIRECT, null, initiator, List.of(new ConversationMember(initiator, MemberRole.MEMBER),
                new ConversationMember(other, MemberRole.MEMBER)), at));
        return conversationId;
    }

    /** Sends a message with the conversation's next seq (counted by this test); returns the event message. */
    protected GenericDomainEventMessage<?> sendMessage(String conversationId, String senderId, String text, Instant at,
                                                       String... mentions) {
        long seq = seqs.merge(conversationId, 1L, Long::sum);
        return appendTo(CONVERSATION_AGGREGATE, conversationId, new MessageSentEvent(conversationId,
                "message-" + UUID.randomUUID(), seq, senderId, "client-" + UUID.randomUUID(), text, null,
                Set.of(mentions), at)).getFirst();
    }

    /** Sends a message of attachments only; returns the event message. */
    protected GenericDomainEventMessage<?> sendAttachments(String conversationId, String senderId,
                                                           List<Attachment> attachments) {
        long seq = seqs.merge(conversationId, 1L, Long::sum);
        return appendTo(CONVERSATION_AGGREGATE, conversationId, new MessageSentEvent(conversationId,
                "message-" + UUID.randomUUID(), seq, senderId, "client-" + UUID.randomUUID(), "", null, Set.of(),
                Instant.now(), attachments)).getFirst();
    }

    /** A counter of the notification metrics for the email channel, e.g. "sent", "dead.lettered". */
    protected double emailCount(String name) {
        return count("email", name);
    }

    /** A counter of the notification metrics for the push channel, e.g. "sent", "dead.lettered". */
    protected double pushCount(String name) {
        return count("push", name);
    }

    private double count(String channel, String name) {
        return meters.get("parley.notifications." + name).tag("channel", channel).counter().count();
    }

    /** Waits until every email job published so far has been finished one way or another. */
    protected void awaitEmailJobsSettled() {
        awaitJobsSettled("email");
    }

    /** Waits until every push job published so far has been finished one way or another. */
    protected void awaitPushJobsSettled() {
        awaitJobsSettled("push");
    }

    private void awaitJobsSettled(String channel) {
        await().atMost(WAIT).until(() -> count(channel, "published") <= count(channel, "sent")
                + count(channel, "duplicates") + count(channel, "dropped") + count(channel, "dead.lettered")
                + count(channel, "logged"));
    }
}
