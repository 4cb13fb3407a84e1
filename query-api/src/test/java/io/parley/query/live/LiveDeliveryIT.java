package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.StompTestClient;
import io.parley.query.support.StompTestClient.Connection;
import io.parley.query.support.StompTestClient.Subscription;
import io.parley.query.support.TestTokens;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Live delivery over STOMP with a real client against the booted service: events are appended as command-api
 * appends them, subscriptions pass X-Min-Position so the membership check sees the conversation.
 */
class LiveDeliveryIT extends QueryApiIntegrationTest {

    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration WAIT = StompTestClient.WAIT;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final List<Connection> connections = new ArrayList<>();

    @Autowired
    private QueryUpdateEmitter updateEmitter;

    @AfterEach
    void disconnect() {
        connections.forEach(Connection::close);
    }

    @Test
    void aNewMessage_reachesEverySubscribedMember_andItsChangesFollow_asRestShowsThem() {
        String alice = user();
        String bob = user();
        String carol = user();
        ConversationLog group = ConversationLog.group(alice, "Live", List.of(bob, carol), start);
        long position = publish(group);
        Subscription toAlice = messages(connect(alice), group.id(), 0, position);
        Subscription toBob = messages(connect(bob), group.id(), 0, position);

        String hello = group.send(carol, "hello everyone", null, Set.of(bob));
        group.react(hello, alice, "👍").edit(hello, carol, "hello everyone, edited");
        position = publish(group);

        JsonNode rest = getAtPosition("/api/v1/conversations/" + group.id() + "/messages",
                TestTokens.accessToken(bob, TestTokens.newSessionId()), position).json().path("items").get(0);
        for (Subscription subscription : List.of(toAlice, toBob)) {
            JsonNode created = subscription.next();
            assertThat(created.path("type").asString()).isEqualTo("message.created");
            JsonNode message = created.path("message");
            assertThat(message.path("messageId").asString()).isEqualTo(hello);
            assertThat(message.path("conversationId").asString()).isEqualTo(group.id());
            assertThat(message.path("seq").asLong()).isEqualTo(1);
            assertThat(message.path("senderId").asString()).isEqualTo(carol);
            assertThat(message.path("text").asString()).isEqualTo("hello everyone");
            assertThat(message.path("mentions").valueStream().map(JsonNode::asString)).containsExactly(bob);
            assertThat(message.path("deleted").asBoolean()).isFalse();
            assertThat(message.path("editedAt").isNull()).isTrue();
            JsonNode reacted = subscription.next();
            assertThat(reacted.path("type").asString()).isEqualTo("reaction.added");
            assertThat(reacted.path("message").path("reactions").path("👍").valueStream().map(JsonNode::asString))
                    .containsExactly(alice);
            JsonNode edited = subscription.next();
            assertThat(edited.path("type").asString()).isEqualTo("message.edited");
            assertThat(edited.path("message")).isEqualTo(rest);
            subscription.assertNothingWithin(QUIET);
        }
    }

    @Test
    void resubscribing_withTheLastSeqSeen_deliversExactlyTheMissedMessagesInOrder_thenLiveOnes() {
        String alice = user();
        String bob = user();
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        for (int i = 1; i <= 5; i++) {
            direct.send(alice, "before " + i);
        }
        long position = publish(direct);
        Connection first = connect(bob);
        assertThat(seqs(messages(first, direct.id(), 0, position).next(5))).containsExactly(1L, 2L, 3L, 4L, 5L);
        first.close();

        for (int i = 1; i <= 40; i++) {
            direct.send(i % 2 == 0 ? bob : alice, "while away " + i);
        }
        position = publish(direct);
        Subscription resumed = messages(connect(bob), direct.id(), 5, position);
        assertThat(seqs(resumed.next(40))).containsExactlyElementsOf(range(6, 45));
        direct.send(alice, "welcome back");
        publish(direct);
        assertThat(seqs(List.of(resumed.next()))).containsExactly(46L);
        resumed.assertNothingWithin(QUIET);
    }

    @Test
    void noGapAndNoDuplicate_acrossTheBacklogAndTheLiveUpdates_whileMessagesAreAppended() throws Exception {
        String alice = user();
        String bob = user();
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        long position = publish(direct);
        Connection connection = connect(bob);
        AtomicInteger appended = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread appender = Thread.ofPlatform().name("appender").start(() -> {
            try {
                for (int i = 1; i <= 200; i++) {
                    direct.send(i % 2 == 0 ? alice : bob, "message " + i);
                    publish(direct);
                    appended.incrementAndGet();
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        await().atMost(WAIT).until(() -> appended.get() >= 50 || failure.get() != null);

        Subscription live = messages(connection, direct.id(), 0, position);
        List<Long> seqs = new ArrayList<>();
        while (seqs.size() < 200) {
            JsonNode frame = live.next();
            assertThat(frame.path("type").asString()).isEqualTo("message.created");
            seqs.add(frame.path("message").path("seq").asLong());
        }
        appender.join(WAIT.toMillis());
        assertThat(failure.get()).isNull();
        assertThat(seqs).containsExactlyElementsOf(range(1, 200));
        live.assertNothingWithin(QUIET);
    }

    @Test
    void connect_negotiatesStomp12WithTenSecondHeartBeatsBothWays() {
        Connection connection = connect(user());
        assertThat(connection.connectedHeaders().getFirst("version")).isEqualTo("1.2");
        assertThat(connection.connectedHeaders().getHeartbeat()).containsExactly(10_000, 10_000);
    }

    @Test
    void aSubscription_isRefusedWithAnErrorFrame_whenItsDestinationIsUnknown_orSinceSeqIsNotANumber() {
        String alice = user();
        String bob = user();
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        long position = publish(direct);

        assertThat(StompTestClient.refused(() -> {
            Connection unknown = connect(alice);
            unknown.subscribeWithoutReceipt("/topic/conversations/" + direct.id() + "/secrets");
            return unknown;
        }).code()).isEqualTo("NOT_FOUND");

        StompTestClient.Error error = StompTestClient.refused(() -> {
            Connection badSeq = connect(alice);
            badSeq.subscribeWithoutReceipt(destination(direct.id()), "since-seq", "-1");
            return badSeq;
        });
        assertThat(error.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(error.body().path("message").asString()).contains("since-seq");

        assertThat(StompTestClient.refused(() -> {
            Connection badPosition = connect(alice);
            badPosition.subscribeWithoutReceipt(destination(direct.id()), "since-seq", "0",
                    "X-Min-Position", Long.toString(position + 1_000_000));
            return badPosition;
        }).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aNonMember_getsAnErrorFrameAndNoData() {
        String alice = user();
        String bob = user();
        String mallory = user();
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        direct.send(alice, "private");
        long position = publish(direct);

        List<Subscription> attempts = new ArrayList<>();
        StompTestClient.Error error = StompTestClient.refused(() -> {
            Connection connection = connect(mallory);
            attempts.add(connection.subscribeWithoutReceipt(destination(direct.id()), "since-seq", "0",
                    "X-Min-Position", Long.toString(position)));
            return connection;
        });
        assertThat(error.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(error.body().path("type").asString()).isEqualTo("error");
        assertThat(error.body().path("code").asString()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(error.body().path("message").asString()).isEqualTo("No conversation " + direct.id());
        assertThat(attempts).allSatisfy(refused -> assertThat(refused.isEmpty()).isTrue());
        assertThat(activeStreams(mallory, direct.id())).isZero();
    }

    @Test
    void connect_isRefusedWithAnErrorFrame_whenTheTokenIsMissingExpiredForgedForeignOrRevoked() {
        String userId = user();
        String revokedSession = TestTokens.newSessionId();
        long position = append(userId, new SessionsRevokedEvent(userId, List.of(revokedSession),
                RevocationReason.LOGOUT, Instant.now()));
        assertThat(getAtPosition("/api/v1/conversations", TestTokens.accessToken(userId, TestTokens.newSessionId()),
                position).status()).isEqualTo(200);

        List<String> tokens = new ArrayList<>();
        tokens.add(null);
        tokens.add("not.a.jwt");
        tokens.add(TestTokens.expiredToken(userId, TestTokens.newSessionId()));
        tokens.add(TestTokens.tokenSignedByOtherKey(userId, TestTokens.newSessionId()));
        tokens.add(TestTokens.tokenOfAnotherIssuer(userId, TestTokens.newSessionId()));
        tokens.add(TestTokens.accessToken(userId, revokedSession));
        for (String token : tokens) {
            StompTestClient.Error error = StompTestClient.refused(() -> {
                Connection connection = StompTestClient.open(port(), token);
                connections.add(connection);
                return connection;
            });
            assertThat(error.code()).as("token %s", token).isEqualTo("INVALID_TOKEN");
            assertThat(error.body().path("code").asString()).isEqualTo("INVALID_TOKEN");
            assertThat(connections.getLast().isOpen()).isFalse();
        }
    }

    @Test
    void typing_reachesTheOtherSubscribedMembers_butNotTheTypist_andNonMembersAreRefused() {
        String alice = user();
        String bob = user();
        String carol = user();
        ConversationLog group = ConversationLog.group(alice, "Typing", List.of(bob, carol), start);
        long position = publish(group);
        Connection aliceConnection = connect(alice);
        Subscription toAlice = typing(aliceConnection, group.id(), position);
        Subscription toBob = typing(connect(bob), group.id(), position);
        Subscription toCarol = typing(connect(carol), group.id(), position);

        aliceConnection.send("/app/conversations/" + group.id() + "/typing", "{\"typing\":true}");
        for (Subscription subscription : List.of(toBob, toCarol)) {
            JsonNode typing = subscription.next();
            assertThat(typing.path("type").asString()).isEqualTo("typing");
            assertThat(typing.path("conversationId").asString()).isEqualTo(group.id());
            assertThat(typing.path("userId").asString()).isEqualTo(alice);
            assertThat(typing.path("typing").asBoolean()).isTrue();
        }
        toAlice.assertNothingWithin(QUIET);

        String malloryId = user();
        assertThat(StompTestClient.refused(() -> {
            Connection mallory = connect(malloryId);
            mallory.send("/app/conversations/" + group.id() + "/typing", "{\"typing\":true}");
            return mallory;
        }).code()).isEqualTo("CONVERSATION_NOT_FOUND");
        toBob.assertNothingWithin(QUIET);
    }

    @Test
    void typing_endsARemovedMembersSubscription_withMemberRemoved_atTheNextSignal() {
        String alice = user();
        String bob = user();
        String carol = user();
        ConversationLog group = ConversationLog.group(alice, "Typing", List.of(bob, carol), start);
        long position = publish(group);
        Subscription toBob = typing(connect(bob), group.id(), position);
        Subscription toCarol = typing(connect(carol), group.id(), position);

        group.remove(carol, alice);
        long removedAt = publish(group);
        Connection aliceConnection = connect(alice);
        // Its RECEIPT comes once the projections have the removal.
        typing(aliceConnection, group.id(), removedAt);
        aliceConnection.send("/app/conversations/" + group.id() + "/typing", "{\"typing\":true}");
        assertThat(toBob.next().path("typing").asBoolean()).isTrue();
        JsonNode removed = toCarol.next();
        assertThat(removed.path("type").asString()).isEqualTo("member.removed");
        assertThat(removed.path("conversationId").asString()).isEqualTo(group.id());
        assertThat(removed.path("userId").asString()).isEqualTo(carol);

        aliceConnection.send("/app/conversations/" + group.id() + "/typing", "{\"typing\":false}");
        assertThat(toBob.next().path("typing").asBoolean()).isFalse();
        toCarol.assertNothingWithin(QUIET);
    }

    @Test
    void typingFasterThanTheLimit_getsThatSessionAnError() {
        String alice = user();
        String bob = user();
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        long position = publish(direct);
        assertThat(StompTestClient.refused(() -> {
            Connection flooder = connect(alice);
            typing(flooder, direct.id(), position);
            // One more than the burst of 5 (refilled at only 0.1/s in tests), and nothing after it: frames still
            // unread when the server closes the socket could make TCP reset the connection before the ERROR is read.
            for (int i = 0; i < 6; i++) {
                flooder.send("/app/conversations/" + direct.id() + "/typing", "{\"typing\":" + (i % 2 == 0) + "}");
            }
            return flooder;
        }).code()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void anOversizedFrame_getsAnError_withoutAffectingAnotherSession() {
        String alice = user();
        String bob = user();
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        long position = publish(direct);
        Subscription toBob = messages(connect(bob), direct.id(), 0, position);

        StompTestClient.Error error = StompTestClient.refused(() -> {
            Connection big = connect(alice);
            big.send("/app/conversations/" + direct.id() + "/typing",
                    "{\"typing\":true,\"padding\":\"" + "x".repeat(10_000) + "\"}");
            return big;
        });
        assertThat(error.code()).isEqualTo("PAYLOAD_TOO_LARGE");

        direct.send(alice, "still here?");
        publish(direct);
        assertThat(toBob.next().path("message").path("text").asString()).isEqualTo("still here?");
    }

    @Test
    void aRemovedMember_receivesEverythingBeforeTheRemoval_thenMemberRemoved_andNothingAfter() {
        String alice = user();
        String bob = user();
        String carol = user();
        ConversationLog group = ConversationLog.group(alice, "Shrinking", List.of(bob, carol), start);
        long position = publish(group);
        Connection bobConnection = connect(bob);
        Subscription toBob = messages(bobConnection, group.id(), 0, position);
        Subscription toCarol = messages(connect(carol), group.id(), 0, position);

        group.send(alice, "before");
        group.remove(bob, alice);
        group.send(alice, "after");
        publish(group);

        assertThat(toBob.next().path("message").path("text").asString()).isEqualTo("before");
        JsonNode removed = toBob.next();
        assertThat(removed.path("type").asString()).isEqualTo("member.removed");
        assertThat(removed.path("conversationId").asString()).isEqualTo(group.id());
        assertThat(removed.path("userId").asString()).isEqualTo(bob);
        assertThat(seqs(toCarol.next(2))).containsExactly(1L, 2L);
        toBob.assertNothingWithin(QUIET);
        await().atMost(WAIT).until(() -> activeStreams(bob, group.id()) == 0);
        assertThat(bobConnection.isOpen()).isTrue();
    }

    @Test
    void unsubscribeAndDisconnect_endTheSubscriptionQueries() {
        String alice = user();
        String bob = user();
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        long position = publish(direct);
        Connection connection = connect(bob);
        Subscription first = messages(connection, direct.id(), 0, position);
        assertThat(activeStreams(bob, direct.id())).isEqualTo(1);
        first.unsubscribe();
        await().atMost(WAIT).until(() -> activeStreams(bob, direct.id()) == 0);

        messages(connection, direct.id(), 0, position);
        messages(connection, direct.id(), 0, position);
        assertThat(activeStreams(bob, direct.id())).isEqualTo(2);
        connection.close();
        await().atMost(WAIT).until(() -> activeStreams(bob, direct.id()) == 0);
    }

    private Connection connect(String userId) {
        Connection connection = StompTestClient.connect(port(), TestTokens.accessToken(userId,
                TestTokens.newSessionId()));
        connections.add(connection);
        return connection;
    }

    private static Subscription messages(Connection connection, String conversationId, long sinceSeq, long position) {
        return connection.subscribe(destination(conversationId), "since-seq", Long.toString(sinceSeq),
                "X-Min-Position", Long.toString(position));
    }

    private static Subscription typing(Connection connection, String conversationId, long position) {
        return connection.subscribe("/topic/conversations/" + conversationId + "/typing",
                "X-Min-Position", Long.toString(position));
    }

    private static String destination(String conversationId) {
        return "/topic/conversations/" + conversationId + "/messages";
    }

    private long activeStreams(String userId, String conversationId) {
        return updateEmitter.activeSubscriptions().stream()
                .filter(query -> query.getPayload() instanceof StreamMessagesQuery stream
                        && stream.userId().equals(userId) && stream.conversationId().equals(conversationId))
                .count();
    }

    private long publish(ConversationLog log) {
        return appendTo(ConversationLog.AGGREGATE, log.id(), log.drain());
    }

    private static String user() {
        return UUID.randomUUID().toString();
    }

    private static List<Long> seqs(List<JsonNode> frames) {
        return frames.stream().map(frame -> frame.path("message").path("seq").asLong()).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
