package io.parley.query.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.kernel.message.MessageBacklog;
import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageChangeType;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.live.LiveChangeBus;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.ProjectionHarness;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the message projection publishes as it writes (against the MongoDB wire server), as the message streams of
 * an instance receive it.
 */
class MessageStreamUpdatesTest {

    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private final QueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private ProjectionHarness readModel;

    @BeforeEach
    void setUp() {
        LiveChangeBus changes = LiveChangeBus.local();
        new MessageStreamUpdates(emitter, changes);
        readModel = new ProjectionHarness("message_stream_updates_test");
        new MessageIndexes(readModel.mongo()).afterPropertiesSet();
        readModel.project(new MessageProjection(readModel.mongo(), changes));
    }

    @Test
    void everyAppliedChange_isPublishedOnce_asTheWriteLeftTheMessage() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        List<MessageChange> toBob = stream(bob, direct.id());
        String first = direct.send(alice, "first");
        direct.edit(first, alice, "first, edited").react(first, bob, "👍").unreact(first, bob, "👍");
        String second = direct.send(bob, "second");
        direct.deleteForEveryone(second, bob).edit(second, bob, "too late");
        readModel.apply(direct.drain());

        assertThat(toBob).extracting(MessageChange::type).containsExactly(MessageChangeType.CREATED,
                MessageChangeType.EDITED, MessageChangeType.REACTION_ADDED, MessageChangeType.REACTION_REMOVED,
                MessageChangeType.CREATED, MessageChangeType.DELETED);
        assertThat(toBob).extracting(change -> change.message().seq()).containsExactly(1L, 1L, 1L, 1L, 2L, 2L);
        assertThat(toBob).extracting(MessageChange::version).isSorted().doesNotHaveDuplicates();
        assertThat(toBob.get(1).message().text()).isEqualTo("first, edited");
        assertThat(toBob.get(2).message().reactions()).isEqualTo(Map.of("👍", List.of(bob)));
        assertThat(toBob.get(3).message().reactions()).isEmpty();
        assertThat(toBob.get(4).message().text()).isEqualTo("second");
        assertThat(toBob.get(5).message().deleted()).isTrue();
        assertThat(toBob.get(5).message().text()).isNull();
    }

    @Test
    void aCreatedMessage_isPublishedAsTheHistoryReadsIt() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        List<MessageChange> toBob = stream(bob, direct.id());
        String message = direct.send(alice, "as stored");
        readModel.apply(direct.drain());

        MessageChange created = toBob.getFirst();
        MessageDocument stored = readModel.mongo().findById(message, MessageDocument.class);
        assertThat(created.message()).isEqualTo(MessageReader.view(stored));
        assertThat(created.version()).isEqualTo(stored.sequence());
    }

    @Test
    void aRedeliveredChange_publishesNothingAgain_butARedeliveredSendDoes_forStreamsDropSeenSeqs() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        List<MessageChange> toBob = stream(bob, direct.id());
        String first = direct.send(alice, "first");
        Object[] send = direct.drain();
        direct.edit(first, alice, "first, edited");
        readModel.apply(send).applyTwice(direct.drain()).redeliverAll();

        assertThat(toBob).extracting(MessageChange::type).containsExactly(MessageChangeType.CREATED,
                MessageChangeType.EDITED, MessageChangeType.CREATED);
    }

    @Test
    void aMessageHiddenForAMember_isNoLongerSentToThem_andARemovalEndsOnlyTheRemovedMembersStream() {
        String carol = UUID.randomUUID().toString();
        ConversationLog group = ConversationLog.group(alice, "Trio", List.of(bob, carol), START);
        List<MessageChange> toBob = stream(bob, group.id());
        List<MessageChange> toCarol = stream(carol, group.id());
        List<MessageChange> elsewhere = stream(bob, UUID.randomUUID().toString());
        String message = group.send(alice, "hello");
        group.hide(message, bob).edit(message, alice, "hello, edited");
        group.remove(carol, alice);
        readModel.apply(group.drain());

        assertThat(toBob).extracting(MessageChange::type).containsExactly(MessageChangeType.CREATED);
        assertThat(toCarol).extracting(MessageChange::type).containsExactly(MessageChangeType.CREATED,
                MessageChangeType.EDITED, MessageChangeType.MEMBER_REMOVED);
        assertThat(elsewhere).isEmpty();
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
