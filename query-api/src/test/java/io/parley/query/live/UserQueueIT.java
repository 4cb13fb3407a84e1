package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.PasswordChangedEvent;
import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.contact.ContactIds;
import io.parley.kernel.contact.ContactRequestAcceptedEvent;
import io.parley.kernel.contact.ContactRequestedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.StompTestClient;
import io.parley.query.support.StompTestClient.Connection;
import io.parley.query.support.StompTestClient.Subscription;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The caller's own stream, {@code /user/queue/events}, with a real STOMP client against the booted service. */
class UserQueueIT extends QueryApiIntegrationTest {

    static final String EVENTS = "/user/queue/events";
    private static final Duration QUIET = Duration.ofMillis(500);

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void disconnect() {
        connections.forEach(Connection::close);
    }

    @Test
    void theUserQueue_carriesConversationMembershipMessageAndReceiptEvents_ofTheUsersConversations() {
        String alice = user("Alice");
        String bob = user("Bob");
        String carol = user("Carol");
        Subscription toAlice = events(alice);
        Subscription toCarol = events(carol);

        ConversationLog group = ConversationLog.group(alice, "Plans", List.of(bob), start);
        publish(group);
        JsonNode created = toAlice.next();
        assertThat(created.path("type").asString()).isEqualTo("conversation.created");
        assertThat(created.path("conversation").path("conversationId").asString()).isEqualTo(group.id());
        assertThat(created.path("conversation").path("name").asString()).isEqualTo("Plans");
        assertThat(created.path("conversation").path("memberCount").asInt()).isEqualTo(2);
        assertThat(created.path("conversation").path("unreadCount").asLong()).isZero();

        group.details("Plans for Friday", null, alice);
        publish(group);
        JsonNode updated = toAlice.next();
        assertThat(updated.path("type").asString()).isEqualTo("conversation.updated");
        assertThat(updated.path("conversation").path("name").asString()).isEqualTo("Plans for Friday");
        assertThat(updated.path("conversation").path("members").findValuesAsString("displayName"))
                .containsExactly("Alice", "Bob");

        group.add(carol, alice);
        publish(group);
        JsonNode addedToAlice = toAlice.next();
        assertThat(addedToAlice.path("type").asString()).isEqualTo("member.added");
        assertThat(addedToAlice.path("userId").asString()).isEqualTo(carol);
        assertThat(addedToAlice.path("role").asString()).isEqualTo(MemberRole.MEMBER.name());
        assertThat(addedToAlice.path("addedBy").asString()).isEqualTo(alice);
        // The inbox and the membership are projected apart: their frames to Carol come in either order.
        Map<String, JsonNode> toCarolByType = new HashMap<>();
        for (int frame = 0; frame < 2; frame++) {
            JsonNode next = toCarol.next();
            toCarolByType.put(next.path("type").asString(), next);
        }
        assertThat(toCarolByType).containsOnlyKeys("conversation.created", "member.added");
        assertThat(toCarolByType.get("conversation.created").path("conversation").path("conversationId").asString())
                .isEqualTo(group.id());
        assertThat(toCarolByType.get("member.added").path("userId").asString()).isEqualTo(carol);

        String hello = group.send(bob, "hello all", null, Set.of());
        publish(group);
        for (Subscription subscription : List.of(toAlice, toCarol)) {
            JsonNode message = subscription.next();
            assertThat(message.path("type").asString()).isEqualTo("message.created");
            assertThat(message.path("conversationId").asString()).isEqualTo(group.id());
            assertThat(message.path("message").path("messageId").asString()).isEqualTo(hello);
            assertThat(message.path("message").path("seq").asLong()).isEqualTo(1);
            assertThat(message.path("message").path("senderId").asString()).isEqualTo(bob);
            assertThat(message.path("message").path("text").asString()).isEqualTo("hello all");
            assertThat(message.path("unreadCount").asLong()).isEqualTo(1);
        }

        group.read(alice, 1);
        publish(group);
        for (Subscription subscription : List.of(toAlice, toCarol)) {
            JsonNode receipt = subscription.next();
            assertThat(receipt.path("type").asString()).isEqualTo("receipt.updated");
            assertThat(receipt.path("conversationId").asString()).isEqualTo(group.id());
            assertThat(receipt.path("userId").asString()).isEqualTo(alice);
            assertThat(receipt.path("lastReadSeq").asLong()).isEqualTo(1);
        }

        group.remove(carol, alice);
        publish(group);
        for (Subscription subscription : List.of(toAlice, toCarol)) {
            JsonNode removed = subscription.next();
            assertThat(removed.path("type").asString()).isEqualTo("member.removed");
            assertThat(removed.path("userId").asString()).isEqualTo(carol);
            assertThat(removed.path("removedBy").asString()).isEqualTo(alice);
            assertThat(removed.path("left").asBoolean()).isFalse();
        }

        group.send(bob, "carol is gone");
        publish(group);
        assertThat(toAlice.next().path("message").path("seq").asLong()).isEqualTo(2);
        toCarol.assertNothingWithin(QUIET);
        toAlice.assertNothingWithin(QUIET);
    }

    @Test
    void welcome_comesOnce_perLoginSession_withTheNameAndTheConversationsWithUnreadMessages() {
        String alice = user("Alice");
        String bob = user("Bob");
        ConversationLog direct = ConversationLog.direct(bob, alice, start);
        direct.send(bob, "are you there?");
        ConversationLog group = ConversationLog.group(bob, "Quiet", List.of(alice), start);
        long position = appendTo(ConversationLog.AGGREGATE, direct.id(), direct.drain());
        position = Math.max(position, appendTo(ConversationLog.AGGREGATE, group.id(), group.drain()));
        assertThat(getAtPosition("/api/v1/conversations", TestTokens.accessToken(alice, TestTokens.newSessionId()),
                position).status()).isEqualTo(200);

        String login = TestTokens.newSessionId();
        Subscription first = connect(alice, login).subscribe(EVENTS);
        JsonNode welcome = first.next();
        assertThat(welcome.path("type").asString()).isEqualTo("welcome");
        assertThat(welcome.path("userId").asString()).isEqualTo(alice);
        assertThat(welcome.path("displayName").asString()).isEqualTo("Alice");
        assertThat(welcome.path("unreadConversations").asLong()).isEqualTo(1);

        Connection again = connect(alice, login);
        Subscription second = again.subscribe(EVENTS);
        Subscription third = again.subscribe(EVENTS);
        Subscription otherLogin = connect(alice, TestTokens.newSessionId()).subscribe(EVENTS);
        assertThat(otherLogin.next().path("type").asString()).isEqualTo("welcome");
        second.assertNothingWithin(QUIET);
        assertThat(third.isEmpty()).isTrue();
        first.assertNothingWithin(Duration.ZERO);
    }

    @Test
    void theReceiptsTopic_carriesEveryMembersReadMarker_toMembersOnly_andEndsForARemovedMember() {
        String alice = user("Alice");
        String bob = user("Bob");
        String mallory = user("Mallory");
        ConversationLog group = ConversationLog.group(alice, "Receipts", List.of(bob), start);
        group.send(alice, "one");
        group.send(alice, "two");
        long position = publish(group);
        Subscription toAlice = receipts(connect(alice, TestTokens.newSessionId()), group.id(), position);
        Subscription toBob = receipts(connect(bob, TestTokens.newSessionId()), group.id(), position);

        group.read(bob, 2);
        publish(group);
        for (Subscription subscription : List.of(toAlice, toBob)) {
            JsonNode receipt = subscription.next();
            assertThat(receipt.path("type").asString()).isEqualTo("receipt.updated");
            assertThat(receipt.path("userId").asString()).isEqualTo(bob);
            assertThat(receipt.path("lastReadSeq").asLong()).isEqualTo(2);
        }

        StompTestClient.Error refused = StompTestClient.refused(() -> {
            Connection connection = connect(mallory, TestTokens.newSessionId());
            connection.subscribeWithoutReceipt(Destinations.receiptsTopic(group.id()),
                    "X-Min-Position", Long.toString(position));
            return connection;
        });
        assertThat(refused.code()).isEqualTo("CONVERSATION_NOT_FOUND");

        group.remove(bob, alice).read(alice, 2);
        publish(group);
        JsonNode removed = toBob.next();
        assertThat(removed.path("type").asString()).isEqualTo("member.removed");
        assertThat(removed.path("userId").asString()).isEqualTo(bob);
        assertThat(toAlice.next().path("userId").asString()).isEqualTo(alice);
        toBob.assertNothingWithin(QUIET);
    }

    @Test
    void revokedSessions_getSessionRevoked_thenTheirSocketsClose_onLogoutPasswordChangeAndAccountDeletion() {
        String alice = user("Alice");
        String loggedOut = TestTokens.newSessionId();
        String kept = TestTokens.newSessionId();
        String other = TestTokens.newSessionId();
        Connection loggedOutConnection = connect(alice, loggedOut);
        Subscription toLoggedOut = welcomed(loggedOutConnection.subscribe(EVENTS));
        Connection keptConnection = connect(alice, kept);
        Subscription toKept = welcomed(keptConnection.subscribe(EVENTS));
        Connection otherConnection = connect(alice, other);
        Subscription toOther = welcomed(otherConnection.subscribe(EVENTS));
        Connection unsubscribed = connect(alice, other);

        append(alice, new SessionsRevokedEvent(alice, List.of(loggedOut), RevocationReason.LOGOUT, Instant.now()));
        assertRevoked(toLoggedOut, loggedOutConnection, "LOGOUT");
        assertThat(keptConnection.isOpen()).isTrue();

        append(alice, new PasswordChangedEvent(alice, kept, false, Instant.now()));
        assertRevoked(toOther, otherConnection, "PASSWORD_CHANGED");
        unsubscribed.awaitClosed();
        assertThat(keptConnection.isOpen()).isTrue();
        toKept.assertNothingWithin(Duration.ZERO);

        append(alice, new UserDeletedEvent(alice, Instant.now()));
        assertRevoked(toKept, keptConnection, "ACCOUNT_DELETED");
    }

    @Test
    void presenceChanges_reachTheUsersContactsAndCoMembers_connectedHere() {
        String alice = user("Alice");
        String bob = user("Bob");
        String carol = user("Carol");
        String dave = user("Dave");
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        long position = publish(direct);
        String pair = ContactIds.pair(carol, bob);
        position = Math.max(position, appendTo("Contact", pair,
                new ContactRequestedEvent(pair, bob, carol, start),
                new ContactRequestAcceptedEvent(pair, bob, carol, start.plusSeconds(1))));
        assertThat(getAtPosition("/api/v1/contacts", TestTokens.accessToken(bob, TestTokens.newSessionId()),
                position).status()).isEqualTo(200);
        Subscription toAlice = events(alice);
        Subscription toCarol = events(carol);
        Subscription toDave = events(dave);

        Connection bobConnection = connect(bob, TestTokens.newSessionId());
        for (Subscription subscription : List.of(toAlice, toCarol)) {
            JsonNode online = subscription.next();
            assertThat(online.path("type").asString()).isEqualTo("presence.changed");
            assertThat(online.path("userId").asString()).isEqualTo(bob);
            assertThat(online.path("online").asBoolean()).isTrue();
            assertThat(online.path("lastSeenAt").isNull()).isTrue();
        }
        bobConnection.close();
        for (Subscription subscription : List.of(toAlice, toCarol)) {
            JsonNode offline = subscription.next();
            assertThat(offline.path("userId").asString()).isEqualTo(bob);
            assertThat(offline.path("online").asBoolean()).isFalse();
            assertThat(Instant.parse(offline.path("lastSeenAt").asString())).isAfterOrEqualTo(start);
        }
        toDave.assertNothingWithin(QUIET);
    }

    private static void assertRevoked(Subscription subscription, Connection connection, String reason) {
        JsonNode revoked = subscription.next();
        assertThat(revoked.path("type").asString()).isEqualTo("session.revoked");
        assertThat(revoked.path("reason").asString()).isEqualTo(reason);
        connection.awaitClosed();
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.errors()).isEmpty();
    }

    private static Subscription welcomed(Subscription events) {
        assertThat(events.next().path("type").asString()).isEqualTo("welcome");
        return events;
    }

    private static Subscription receipts(Connection connection, String conversationId, long position) {
        return connection.subscribe(Destinations.receiptsTopic(conversationId), "X-Min-Position",
                Long.toString(position));
    }

    private Subscription events(String userId) {
        Subscription events = connect(userId, TestTokens.newSessionId()).subscribe(EVENTS);
        assertThat(events.next().path("type").asString()).isEqualTo("welcome");
        return events;
    }

    private Connection connect(String userId, String loginSessionId) {
        Connection connection = StompTestClient.connect(port(), TestTokens.accessToken(userId, loginSessionId));
        connections.add(connection);
        return connection;
    }

    /** A registered user (so names show), known to the read model before the test goes on. */
    private String user(String name) {
        String userId = UUID.randomUUID().toString();
        long position = append(userId, new UserRegisteredEvent(userId, userId + "@example.com", name,
                Set.of(Role.USER), start));
        assertThat(getAtPosition("/api/v1/users/" + userId, TestTokens.accessToken(userId,
                TestTokens.newSessionId()), position).status()).isEqualTo(200);
        return userId;
    }

    private long publish(ConversationLog log) {
        return appendTo(ConversationLog.AGGREGATE, log.id(), log.drain());
    }
}
