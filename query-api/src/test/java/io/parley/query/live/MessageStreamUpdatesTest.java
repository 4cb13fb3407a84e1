package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.kernel.message.MessageBacklog;
import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageChangeType;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.message.MessageFixtures;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.ProjectionHarness;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message stream updates of the delivery processor against the MongoDB wire server, with the message projection
 * either just ahead of it (as usual) or far ahead (delivery lagging behind the read model).
 */
class MessageStreamUpdatesTest {

    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private final QueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private ProjectionHarness readModel;
    private ProjectionHarness delivery;

    @BeforeEach
    void setUp() {
        readModel = new ProjectionHarness("message_stream_updates_test");
        delivery = new ProjectionHarness("message_stream_updates_test");
        readModel.project(MessageFixtures.projection(readModel.mongo()));
        delivery.project(new MessageStreamUpdates(MessageFixtures.reader(delivery.mongo()), emitter,
                new LiveDelivery(null, Duration.ZERO)));
    }

    @Test
    void everyAppliedChange_isEmittedOnce_asTheMessageNowIs() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        List<MessageChange> toBob = stream(bob, direct.id());
        String first = direct.send(alice, "first");
        direct.edit(first, alice, "first, edited").react(first, bob, "👍").unreact(first, bob, "👍");
        String second = direct.send(bob, "second");
        direct.deleteForEveryone(second, bob).edit(second, bob, "too late");
        inStep(direct.drain());

        assertThat(toBob).extracting(MessageChange::type).containsExactly(MessageChangeType.CREATED,
                MessageChangeType.EDITED, MessageChangeType.REACTION_ADDED, MessageChangeType.REACTION_REMOVED,
                MessageChangeType.CREATED, MessageChangeType.DELETED);
        assertThat(toBob).extracting(change -> change.message().seq()).containsExactly(1L, 1L, 1L, 1L, 2L, 2L);
        assertThat(toBob).extracting(MessageChange::version).isSorted().doesNotHaveDuplicates();
        assertThat(toBob.get(1).message().text()).isEqualTo("first, edited");
        assertThat(toBob.get(2).message().reactions()).isEqualTo(Map.of("👍", List.of(bob)));
        assertThat(toBob.get(4).message().text()).isEqualTo("second");
        assertThat(toBob.get(5).message().deleted()).isTrue();
        assertThat(toBob.get(5).message().text()).isNull();
    }

    @Test
    void aDeliveryBehindTheReadModel_sendsEveryChange_withTheStateItFindsThen() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        List<MessageChange> toBob = stream(bob, direct.id());
        String first = direct.send(alice, "first");
        direct.edit(first, alice, "first, edited").react(first, bob, "👍");
        Object[] events = direct.drain();
        readModel.apply(events);
        delivery.apply(events);

        assertThat(toBob).extracting(MessageChange::type).containsExactly(MessageChangeType.CREATED,
                MessageChangeType.EDITED, MessageChangeType.REACTION_ADDED);
        assertThat(toBob.get(0).message().text()).isEqualTo("first");
        assertThat(toBob.get(0).message().reactions()).isEmpty();
        for (MessageChange change : toBob.subList(1, 3)) {
            assertThat(change.message().text()).isEqualTo("first, edited");
            assertThat(change.message().reactions()).isEqualTo(Map.of("👍", List.of(bob)));
        }
        assertThat(toBob).extracting(MessageChange::version).containsExactly(1L, 3L, 3L);
    }

    @Test
    void aMessageHiddenForAMember_isNoLongerEmittedToThem_andARemovalEndsOnlyTheRemovedMembersStream() {
        String carol = UUID.randomUUID().toString();
        ConversationLog group = ConversationLog.group(alice, "Trio", List.of(bob, carol), START);
        List<MessageChange> toBob = stream(bob, group.id());
        List<MessageChange> toCarol = stream(carol, group.id());
        List<MessageChange> elsewhere = stream(bob, UUID.randomUUID().toString());
        String message = group.send(alice, "hello");
        group.hide(message, bob).edit(message, alice, "hello, edited");
        group.remove(carol, alice);
        inStep(group.drain());

        assertThat(toBob).extracting(MessageChange::type).containsExactly(MessageChangeType.CREATED);
        assertThat(toCarol).extracting(MessageChange::type).containsExactly(MessageChangeType.CREATED,
                MessageChangeType.EDITED, MessageChangeType.MEMBER_REMOVED);
        assertThat(elsewhere).isEmpty();
    }

    /** Each event to the read model, then at once to delivery. */
    private void inStep(Object... events) {
        for (Object event : events) {
            readModel.apply(event);
            delivery.apply(event);
        }
    }

    private List<MessageChange> stream(String userId, String conversationId) {
        List<MessageChange> received = new ArrayList<>();
        emitter.<MessageChange>registerUpdateHandler(new GenericSubscriptionQueryMessage<>(
                        new StreamMessagesQuery(userId, conversationId, 0, 50),
                        ResponseTypes.instanceOf(MessageBacklog.class), ResponseTypes.instanceOf(MessageChange.class)),
                1024).getUpdates().subscribe(update -> received.add(update.getPayload()));
        return received;
    }
}
