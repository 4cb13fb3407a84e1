package io.parley.notification.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.parley.kernel.account.NotificationPreferencesChangedEvent;
import io.parley.kernel.conversation.ConversationMutedEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.notification.account.AccountDirectory;
import io.parley.notification.conversation.ConversationDirectory;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import io.parley.notification.support.TestMail;
import io.parley.notification.support.TestMail.Received;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

class DigestIT extends NotificationHandlerIntegrationTest {

    private static final Instant TWO_HOURS_AGO = Instant.now().minus(Duration.ofHours(2));

    @Autowired
    DigestPlanner planner;

    @Autowired
    ConversationDirectory conversations;

    @Autowired
    AccountDirectory accounts;

    @Autowired
    MongoTemplate mongo;

    private String user(String displayName) {
        return registerUser(displayName);
    }

    private String group(String name, String creator, String... members) {
        return createGroup(name, TWO_HOURS_AGO, creator, members);
    }

    private String direct(String initiator, String other) {
        return openDirect(initiator, other, TWO_HOURS_AGO);
    }

    private long send(String conversationId, String senderId, String text, Instant at) {
        return ((MessageSentEvent) sendMessage(conversationId, senderId, text, at).getPayload()).seq();
    }

    /** The digests the user got so far (their welcome mail left out). */
    private static List<Received> digestsTo(String userId) {
        return TestMail.to(addressOf(userId)).stream().filter(mail -> mail.subject().startsWith("Parley: ")).toList();
    }

    private Received onlyDigestTo(String userId) {
        await().atMost(WAIT).until(() -> !digestsTo(userId).isEmpty());
        awaitEmailJobsSettled();
        List<Received> digests = digestsTo(userId);
        assertThat(digests).hasSize(1);
        return digests.getFirst();
    }

    @Test
    void messagesUnreadLongerThanTheDelay_bringOneDigestPerPeriod_listingConversationsAndCounts_neverText() {
        String reader = user("Reader");
        String alice = user("Alice");
        String bob = user("Bob");
        String design = group("Design", alice, reader);
        String withBob = direct(bob, reader);
        send(design, alice, "secret plans one", Instant.now());
        long deleted = send(design, alice, "secret plans two", Instant.now());
        send(design, reader, "my own words count for nobody", Instant.now());
        send(design, alice, "secret plans three", Instant.now());
        send(design, alice, "secret plans four", Instant.now());
        appendTo(CONVERSATION_AGGREGATE, design, new MessageDeletedEvent(design, "gone", deleted, alice, Instant.now()));
        // The one message unread for longer than the delay comes last: the digest is due once it is projected, and
        // lists every conversation with unread messages by then.
        send(withBob, bob, "secret hello", TWO_HOURS_AGO);

        Received digest = onlyDigestTo(reader);

        assertThat(digest.subject()).isEqualTo("Parley: 4 unread messages in 2 conversations");
        assertThat(digest.text()).contains("Hello Reader,")
                .contains("- Design: 3 unread messages")
                .containsPattern("- Bob: 1 unread message\\R")
                .contains("every day")
                .doesNotContain("secret").doesNotContain("my own words");
        assertThat(digest.html()).contains("<strong>Design</strong>: 3 unread messages")
                .contains("<strong>Bob</strong>: 1 unread message<").doesNotContain("secret");
        assertThat(digestsTo(alice)).isEmpty();

        // Later checks in the same period (the scheduler looks every half second) send nothing more.
        assertThat(planner.check(Instant.now())).isZero();
        awaitEmailJobsSettled();
        assertThat(digestsTo(reader)).hasSize(1);

        // The next period brings the next digest.
        planner.check(Instant.now().plus(Duration.ofDays(1)));
        await().atMost(WAIT).until(() -> digestsTo(reader).size() == 2);
        assertThat(digestsTo(reader)).extracting(Received::messageId).doesNotHaveDuplicates();
    }

    @Test
    void aDigestPublishedAgain_byAnotherInstanceOrAfterACrash_isSentOnce() {
        String reader = user("Twice");
        String writer = user("Writer");
        send(direct(writer, reader), writer, "hello", TWO_HOURS_AGO);
        onlyDigestTo(reader);
        double duplicates = emailCount("duplicates");

        // As if the instance had died between publishing the digest and recording it: it is published again.
        String key = NotificationJob.key(DigestPlanner.KIND + "-" + planner.periodStart(Instant.now()), reader,
                NotificationChannel.EMAIL);
        mongo.remove(query(where("_id").is(key)), DigestLog.COLLECTION);
        await().atMost(WAIT).until(() -> emailCount("duplicates") >= duplicates + 1);
        awaitEmailJobsSettled();

        assertThat(digestsTo(reader)).hasSize(1);
    }

    @Test
    void noDigest_whenEmailIsOff_theConversationIsMuted_everythingWasRead_orTheMessageIsRecent() {
        String writer = user("Writer");
        String emailOff = user("Email off");
        String muted = user("Muted");
        String reader = user("Has read");
        String recent = user("Recent");
        String control = user("Control");
        append(emailOff, new NotificationPreferencesChangedEvent(emailOff, false, true));
        await().atMost(WAIT).until(() -> accounts.find(emailOff).map(account -> !account.emailEnabled()).orElse(false));
        String conversation = group("Quiet", writer, emailOff, muted, reader, control);
        appendTo(CONVERSATION_AGGREGATE, conversation, new ConversationMutedEvent(conversation, muted, true, Instant.now()));
        long last = send(conversation, writer, "old news", TWO_HOURS_AGO);
        appendTo(CONVERSATION_AGGREGATE, conversation, new ConversationReadEvent(conversation, reader, last, Instant.now()));
        send(direct(writer, recent), writer, "just now", Instant.now());
        send(direct(writer, control), writer, "old news", TWO_HOURS_AGO);

        // Events are projected in order: once the control's digest is out, a check sees all of the above.
        onlyDigestTo(control);
        planner.check(Instant.now());
        awaitEmailJobsSettled();

        for (String userId : List.of(emailOff, muted, reader, recent)) {
            assertThat(digestsTo(userId)).as(userId).isEmpty();
        }
        assertThat(conversations.unreadCount(conversation, reader)).isZero();
        assertThat(conversations.unreadCount(conversation, muted)).isEqualTo(1);
    }
}
