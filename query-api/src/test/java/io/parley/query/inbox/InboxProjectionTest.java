package io.parley.query.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.parley.kernel.message.Attachment;
import io.parley.kernel.privacy.Erased;
import io.parley.query.live.LiveChanges;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.IdempotencyCheck;
import io.parley.query.support.ProjectionHarness;
import io.parley.query.web.InvalidParameterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbox projection against the MongoDB wire server. */
class InboxProjectionTest {

    private static final Instant START = Instant.parse("2026-11-02T08:00:00Z");

    private ProjectionHarness harness;
    private List<String> users;

    @BeforeEach
    void setUp() {
        harness = new ProjectionHarness("inbox_projection_test");
        new InboxIndexes(harness.mongo()).afterPropertiesSet();
        harness.project(new InboxProjection(harness.mongo(), LiveChanges.NONE));
        users = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }

    @Test
    void everyEvent_appliedTwice_orAllAgain_leavesTheSameDocuments() {
        IdempotencyCheck.assertIdempotent("inbox_idempotency", h -> {
            new InboxIndexes(h.mongo()).afterPropertiesSet();
            return new InboxProjection(h.mongo(), LiveChanges.NONE);
        }, InboxEntryDocument.COLLECTION, InboxMessageDocument.COLLECTION);
    }

    @Test
    void sendsFoldedPerBatch_leaveTheSameDocuments_asSendsAppliedOneByOne_andABatchAppliedAgainChangesNothing() {
        String owner = users.get(0);
        ConversationLog group = ConversationLog.group(owner, "Batch", users.subList(1, 4), START);
        ConversationLog other = ConversationLog.group(users.get(1), "Other", List.of(owner), START);
        String first = group.send(owner, "one");
        group.send(users.get(1), "two");
        other.send(owner, "elsewhere");
        group.send(users.get(2), "three");
        group.read(users.get(3), 2);
        String fourth = group.send(owner, "four");
        group.send(users.get(1), "five");
        group.hide(fourth, users.get(2)).deleteForEveryone(first, owner);
        group.add(users.get(4), owner);
        group.send(users.get(4), "six");
        group.send(owner, "seven");
        Object[] events = concat(group.drain(), other.drain());
        String[] collections = {InboxEntryDocument.COLLECTION, InboxMessageDocument.COLLECTION};

        ProjectionHarness oneByOne = new ProjectionHarness("inbox_one_by_one");
        oneByOne.project(new InboxProjection(oneByOne.mongo(), LiveChanges.NONE)).apply(events);
        int half = events.length / 2;
        harness.applyInOneBatch(Arrays.copyOfRange(events, 0, half))
                .applyInOneBatch(Arrays.copyOfRange(events, half, events.length));

        var expected = oneByOne.snapshot(collections);
        assertThat(harness.snapshot(collections)).isEqualTo(expected);
        assertUnread(users.get(3), 5);
        assertThat(harness.redeliverAll().snapshot(collections)).isEqualTo(expected);
        assertThat(oneByOne.redeliverAllInOneBatch().snapshot(collections)).isEqualTo(expected);
    }

    /** Crypto-shredding (docs/adr/0007): an erased sender's messages read as deleted, so they count for no one. */
    @Test
    void anErasedSendersMessages_readAsDeleted_andAreUnreadForNoOne() {
        String owner = users.get(0);
        String erased = users.get(1);
        ConversationLog group = ConversationLog.group(owner, "Erased", users.subList(1, 3), START);
        group.send(owner, "one");
        String gone = group.send(erased, Erased.VALUE);
        group.send(erased, Erased.VALUE);
        String edited = group.send(erased, "sent before the key existed");
        group.edit(edited, erased, Erased.VALUE);
        harness.applyInOneBatch(group.drain());

        assertUnread(users.get(2), 1);
        assertUnread(owner, 0);
        for (String message : List.of(gone, edited)) {
            InboxMessageDocument document = harness.mongo().findById(message, InboxMessageDocument.class);
            assertThat(document.deleted()).as(message).isTrue();
            assertThat(document.text()).isNull();
        }
    }

    @Test
    void aBatchAppliedAgain_thatReachesPastTheFirstAttempt_countsEachSendOnce() {
        // After a kill -9 the token is behind what the dead instance wrote, and the next batch, from the token on,
        // can reach further than the batch that was written: the fault suite found inboxes that differed from
        // their rebuild after query-api kills.
        String owner = users.get(0);
        ConversationLog group = ConversationLog.group(owner, "Crash", users.subList(1, 3), START);
        Object[] created = group.drain();
        for (int m = 0; m < 6; m++) {
            group.send(users.get(m % 3), "message " + m);
        }
        Object[] sends = group.drain();
        String[] collections = {InboxEntryDocument.COLLECTION, InboxMessageDocument.COLLECTION};
        ProjectionHarness oneByOne = new ProjectionHarness("inbox_crash_one_by_one");
        oneByOne.project(new InboxProjection(oneByOne.mongo(), LiveChanges.NONE)).apply(created).apply(sends);

        harness.apply(created)
                .applyInOneBatch(Arrays.copyOfRange(sends, 0, 3))
                .redeliverLastAndApplyInOneBatch(2, Arrays.copyOfRange(sends, 3, sends.length));

        assertThat(harness.snapshot(collections)).isEqualTo(oneByOne.snapshot(collections));
        assertUnread(users.get(1), 4);
    }

    @Test
    void sendsOfSeveralConversationsAndSenders_inOneBatch_countAsOneByOne_alsoWhenABatchReachesPastAFirstAttempt() {
        // One bulk write per batch for every conversation's entries: each sender's entry by id, the others together.
        String owner = users.get(0);
        ConversationLog first = ConversationLog.group(owner, "First", users.subList(1, 4), START);
        ConversationLog second = ConversationLog.group(users.get(1), "Second", List.of(owner, users.get(4)), START);
        Object[] created = concat(first.drain(), second.drain());
        List<String> secondSenders = List.of(owner, users.get(1), users.get(4));
        for (int m = 0; m < 8; m++) {
            first.send(users.get(m % 4), "first " + m);
            second.send(secondSenders.get(m % 3), "second " + m);
        }
        Object[] sends = concat(first.drain(), second.drain());
        String[] collections = {InboxEntryDocument.COLLECTION, InboxMessageDocument.COLLECTION};
        ProjectionHarness oneByOne = new ProjectionHarness("inbox_several_one_by_one");
        oneByOne.project(new InboxProjection(oneByOne.mongo(), LiveChanges.NONE)).apply(created).apply(sends);
        var expected = oneByOne.snapshot(collections);

        harness.apply(created).applyInOneBatch(sends);

        assertThat(harness.snapshot(collections)).isEqualTo(expected);
        assertThat(entry(first.id(), users.get(3)).unreadCount()).isEqualTo(6);
        assertThat(entry(second.id(), users.get(4)).unreadCount()).isEqualTo(6);
        assertThat(harness.redeliverAllInOneBatch().snapshot(collections)).isEqualTo(expected);

        ProjectionHarness crashed = new ProjectionHarness("inbox_several_crashed");
        crashed.project(new InboxProjection(crashed.mongo(), LiveChanges.NONE)).apply(created)
                .applyInOneBatch(Arrays.copyOfRange(sends, 0, 12))
                .redeliverLastAndApplyInOneBatch(5, Arrays.copyOfRange(sends, 12, sends.length));
        assertThat(crashed.snapshot(collections)).isEqualTo(expected);
    }

    private static Object[] concat(Object[] first, Object[] second) {
        Object[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void unreadCount_countsOthersMessagesAfterTheReadMarker_notDeletedNorHiddenByTheMember() {
        String owner = users.get(0);
        ConversationLog group = ConversationLog.group(owner, "Five", users.subList(1, 5), START);
        String m1 = group.send(owner, "one");
        group.send(owner, "two");
        String m3 = group.send(owner, "three");
        String m4 = group.send(users.get(1), "four");
        harness.apply(group.drain());
        assertUnread(owner, 1);
        assertUnread(users.get(1), 3);
        assertUnread(users.get(2), 4);

        group.read(users.get(2), 2).hide(m3, users.get(3)).edit(m1, owner, "one, edited");
        harness.apply(group.drain());
        assertUnread(users.get(2), 2);
        assertUnread(users.get(3), 3);
        assertUnread(users.get(4), 4);

        group.deleteForEveryone(m4, users.get(1)).deleteForEveryone(m3, owner).hide(m3, users.get(4));
        harness.apply(group.drain());
        assertUnread(owner, 0);
        assertUnread(users.get(1), 2);
        assertUnread(users.get(2), 0);
        assertUnread(users.get(3), 2);
        assertUnread(users.get(4), 2);

        group.read(users.get(4), 1);
        harness.apply(group.drain());
        assertUnread(users.get(4), 1);
        assertThat(entry(group.id(), users.get(4)).lastReadSeq()).isEqualTo(1);
    }

    @Test
    void aMemberAddedLater_startsWithNothingUnread_andTheConversationOnTop() {
        String owner = users.get(0);
        ConversationLog group = ConversationLog.group(owner, "Later", List.of(users.get(1)), START);
        group.send(owner, "before");
        group.add(users.get(2), owner);
        harness.apply(group.drain());

        InboxEntryDocument added = entry(group.id(), users.get(2));
        assertThat(added.unreadCount()).isZero();
        assertThat(added.lastReadSeq()).isEqualTo(1);
        assertThat(added.lastActivityAt()).isEqualTo(group.now());

        group.send(owner, "after");
        harness.apply(group.drain());
        assertUnread(users.get(2), 1);
    }

    @Test
    void aRemovedMember_getsNoMoreUpdates_andLeavesTheInbox() {
        String owner = users.get(0);
        ConversationLog group = ConversationLog.group(owner, "Gone", List.of(users.get(1)), START);
        group.remove(users.get(1), owner);
        group.send(owner, "after removal");
        harness.apply(group.drain());

        InboxEntryDocument removed = entry(group.id(), users.get(1));
        assertThat(removed.active()).isFalse();
        assertThat(removed.unreadCount()).isZero();
    }

    @Test
    void aMessageOfAPhotoOnly_isPreviewedAsPhoto() {
        String owner = users.get(0);
        ConversationLog group = ConversationLog.group(owner, "Photos", List.of(users.get(1)), START);
        String messageId = group.send(owner, "", List.of(
                new Attachment("9e1b3c55-0000-4000-8000-000000000002", "IMG.jpg", "image/jpeg", 10, 4, 3, true)));
        harness.apply(group.drain());

        assertThat(harness.mongo().findById(messageId, InboxMessageDocument.class).text()).isEqualTo("📷 Photo");
    }

    @Test
    void cursor_roundTrips_andRejectsWhatItDidNotIssue() {
        InboxCursor cursor = new InboxCursor(Instant.parse("2026-11-02T08:00:00.123Z"), "abc:def");

        assertThat(InboxCursor.decode(cursor.encode())).isEqualTo(cursor);
        for (String bad : List.of("%%%", "bm90IGEgY3Vyc29y", "OmFiYw", "MTIz")) {
            assertThatThrownBy(() -> InboxCursor.decode(bad))
                    .isInstanceOf(InvalidParameterException.class);
        }
    }

    private void assertUnread(String userId, long expected) {
        assertThat(harness.mongo().find(query(where(InboxEntryDocument.USER_ID).is(userId)),
                InboxEntryDocument.class))
                .singleElement()
                .satisfies(entry -> assertThat(entry.unreadCount()).as("unread of " + userId).isEqualTo(expected));
    }

    private InboxEntryDocument entry(String conversationId, String userId) {
        return harness.mongo().findById(InboxEntryDocument.id(conversationId, userId), InboxEntryDocument.class);
    }
}
