package io.parley.query.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.MessageView;
import io.parley.kernel.privacy.Erased;
import io.parley.query.live.LiveChange;
import io.parley.query.live.LiveChanges;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.IdempotencyCheck;
import io.parley.query.support.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The message history projection against the MongoDB wire server. */
class MessageProjectionTest {

    private static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private ProjectionHarness harness;
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() {
        harness = new ProjectionHarness("message_projection_test");
        new MessageIndexes(harness.mongo()).afterPropertiesSet();
        harness.project(new MessageProjection(harness.mongo(), LiveChanges.NONE));
    }

    @Test
    void everyEvent_appliedTwice_orAllAgain_leavesTheSameDocuments() {
        IdempotencyCheck.assertIdempotent("message_idempotency", h -> {
            new MessageIndexes(h.mongo()).afterPropertiesSet();
            return new MessageProjection(h.mongo(), LiveChanges.NONE);
        }, MessageDocument.COLLECTION);
    }

    @Test
    void sendsWrittenPerBatch_leaveTheSameDocuments_asEventsAppliedOneByOne() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        String first = direct.send(alice, "first");
        direct.send(bob, "second", first, Set.of(alice));
        direct.edit(first, alice, "first, edited").react(first, bob, "👍");
        String third = direct.send(alice, "third");
        direct.hide(third, bob).send(bob, "fourth");
        direct.deleteForEveryone(first, alice);
        Object[] events = direct.drain();

        ProjectionHarness oneByOne = new ProjectionHarness("message_one_by_one");
        new MessageIndexes(oneByOne.mongo()).afterPropertiesSet();
        oneByOne.project(new MessageProjection(oneByOne.mongo(), LiveChanges.NONE)).apply(events);
        harness.applyInOneBatch(events);

        var expected = oneByOne.snapshot(MessageDocument.COLLECTION);
        assertThat(harness.snapshot(MessageDocument.COLLECTION)).isEqualTo(expected);
        assertThat(view(third).text()).isEqualTo("third");
        assertThat(harness.redeliverAllInOneBatch().snapshot(MessageDocument.COLLECTION)).isEqualTo(expected);
    }

    @Test
    void aMessage_carriesItsEditReplyMentionsAndReactions_groupedByEmoji() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        String first = direct.send(alice, "first");
        String reply = direct.send(bob, "reply", first, Set.of(alice));
        direct.edit(reply, bob, "reply, edited");
        direct.react(first, bob, "👍").react(first, alice, "👍").react(first, alice, "❤️").unreact(first, bob, "👍");
        harness.apply(direct.drain());

        MessageView replyView = view(reply);
        assertThat(replyView.seq()).isEqualTo(2);
        assertThat(replyView.text()).isEqualTo("reply, edited");
        assertThat(replyView.editedAt()).isAfter(replyView.createdAt());
        assertThat(replyView.replyToMessageId()).isEqualTo(first);
        assertThat(replyView.mentions()).containsExactly(alice);
        assertThat(view(first).reactions()).isEqualTo(Map.of("👍", List.of(alice), "❤️", List.of(alice)));
    }

    @Test
    void deletedForEveryone_keepsItsSeq_withoutTextMentionsOrReactions_andLateEditsChangeNothing() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        String message = direct.send(alice, "secret @bob", null, Set.of(bob));
        direct.react(message, bob, "👍");
        Object[] beforeDelete = direct.drain();
        direct.edit(message, alice, "edited before delete");
        Object[] edit = direct.drain();
        direct.deleteForEveryone(message, alice);
        harness.apply(beforeDelete).apply(edit).apply(direct.drain());

        MessageView deleted = view(message);
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.seq()).isEqualTo(1);
        assertThat(deleted.text()).isNull();
        assertThat(deleted.mentions()).isEmpty();
        assertThat(deleted.reactions()).isEmpty();
        assertThat(harness.redeliverAll().mongo().findById(message, MessageDocument.class).text()).isNull();
    }

    /** Crypto-shredding (docs/adr/0007): what a replay reads once the sender's key is erased. */
    @Test
    void anErasedSendersMessage_readsAsDeletedForEveryone_andSoDoesAnErasedEdit() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        String erased = direct.send(alice, Erased.VALUE, null, Set.of(bob));
        String kept = direct.send(alice, "sent before the key existed");
        direct.edit(kept, alice, Erased.VALUE).send(bob, "bob stays");
        harness.apply(direct.drain());

        for (String message : List.of(erased, kept)) {
            MessageView view = view(message);
            assertThat(view.deleted()).as(message).isTrue();
            assertThat(view.text()).isNull();
            assertThat(view.mentions()).isEmpty();
            assertThat(harness.mongo().findById(message, MessageDocument.class).text()).isNull();
        }
        assertThat(harness.redeliverAll().mongo().findById(erased, MessageDocument.class).deleted()).isTrue();
    }

    @Test
    void hiddenForMe_marksTheMemberOnly() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        String message = direct.send(alice, "hide me");
        direct.hide(message, bob);
        harness.apply(direct.drain());

        MessageDocument document = harness.mongo().findById(message, MessageDocument.class);
        assertThat(MessageReader.hiddenFor(document, bob)).isTrue();
        assertThat(MessageReader.hiddenFor(document, alice)).isFalse();
    }

    @Test
    void aMessageWithAttachments_carriesThem_inTheLiveFrameAndTheHistory_andLosesThemWhenDeleted() {
        List<LiveChange> published = new ArrayList<>();
        ProjectionHarness live = new ProjectionHarness("message_projection_live");
        new MessageIndexes(live.mongo()).afterPropertiesSet();
        live.project(new MessageProjection(live.mongo(), published::add));
        Attachment photo = new Attachment("9e1b3c55-0000-4000-8000-000000000003", "IMG.jpg", "image/jpeg", 2048, 64, 48,
                true);
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        String message = direct.send(alice, "", List.of(photo));

        live.apply(direct.drain());

        assertThat(published).singleElement().satisfies(change -> assertThat(((MessageChanged) change).change()
                .message().attachments()).containsExactly(photo));
        assertThat(MessageReader.view(live.mongo().findById(message, MessageDocument.class)).attachments())
                .containsExactly(photo);
        assertThat(live.mongo().findById(photo.attachmentId(), AttachmentDocument.class).messageId()).isEqualTo(message);

        live.apply(direct.deleteForEveryone(message, alice).drain());

        assertThat(MessageReader.view(live.mongo().findById(message, MessageDocument.class)).attachments()).isEmpty();
        assertThat(((MessageChanged) published.getLast()).change().message().attachments()).isEmpty();
    }

    private MessageView view(String messageId) {
        return MessageReader.view(harness.mongo().findById(messageId, MessageDocument.class));
    }

}
