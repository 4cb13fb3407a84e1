package io.parley.query.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.MessageView;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.testing.OldEvents;
import io.parley.query.live.LiveChanges;
import io.parley.query.support.ProjectionHarness;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * Events stored before attachments existed (MessageSentEvent revision 1, a fixture written by that code) replay
 * through the upcaster into the same message history as the same conversation written today.
 */
class OldEventsReplayTest {

    private static final String FIRST = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String SECOND = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e";

    @Test
    void revision1Events_replay_intoTheReadModelOfTheSameEventsWrittenToday() throws IOException {
        Object[] old = OldEvents.conversationRevision1().stream().map(DomainEventMessage::getPayload).toArray();
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        Object[] today = {
                new ConversationCreatedEvent(OldEvents.CONVERSATION, ConversationType.GROUP, "Fixture", OldEvents.ADA,
                        List.of(new ConversationMember(OldEvents.ADA, MemberRole.OWNER),
                                new ConversationMember(OldEvents.BOB, MemberRole.MEMBER)), t),
                new MessageSentEvent(OldEvents.CONVERSATION, FIRST, 1, OldEvents.ADA, "client-1", "Hello @Bob", null,
                        Set.of(OldEvents.BOB), t.plusSeconds(1), List.of()),
                new MessageSentEvent(OldEvents.CONVERSATION, SECOND, 2, OldEvents.BOB, "client-2", "Hi Ada", FIRST,
                        Set.of(), t.plusSeconds(2), List.of()),
                new ReactionAddedEvent(OldEvents.CONVERSATION, FIRST, 1, OldEvents.BOB, "👍", t.plusSeconds(3))};

        ProjectionHarness replayed = harness("old_events_replayed").apply(old);
        ProjectionHarness written = harness("old_events_written").apply(today);

        assertThat(replayed.snapshot(MessageDocument.COLLECTION, AttachmentDocument.COLLECTION))
                .isEqualTo(written.snapshot(MessageDocument.COLLECTION, AttachmentDocument.COLLECTION));
        List<MessageView> views = replayed.mongo().find(query(where(MessageDocument.CONVERSATION_ID)
                        .is(OldEvents.CONVERSATION)), MessageDocument.class).stream()
                .map(MessageReader::view)
                .sorted(Comparator.comparingLong(MessageView::seq))
                .toList();
        assertThat(views).extracting(MessageView::text).containsExactly("Hello @Bob", "Hi Ada");
        assertThat(views.get(0).reactions()).isEqualTo(Map.of("👍", List.of(OldEvents.BOB)));
        assertThat(views.get(1).replyToMessageId()).isEqualTo(FIRST);
        assertThat(views).allSatisfy(view -> assertThat(view.attachments()).isEmpty());
    }

    private static ProjectionHarness harness(String database) {
        ProjectionHarness harness = new ProjectionHarness(database);
        new MessageIndexes(harness.mongo()).afterPropertiesSet();
        return harness.project(new MessageProjection(harness.mongo(), LiveChanges.NONE));
    }
}
