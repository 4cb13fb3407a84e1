package io.parley.query.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.parley.query.live.LiveChanges;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

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
