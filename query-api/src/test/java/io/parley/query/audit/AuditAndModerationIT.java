package io.parley.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserDeactivatedEvent;
import io.parley.kernel.account.UserReactivatedEvent;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.StompTestClient;
import io.parley.query.support.StompTestClient.Connection;
import io.parley.query.support.StompTestClient.Subscription;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What an ADMIN's moderation does to the reads and live delivery, and the audit log that records it. */
class AuditAndModerationIT extends QueryApiIntegrationTest {

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static String adminToken(String userId) {
        return TestTokens.accessToken(userId, TestTokens.newSessionId(), Role.USER, Role.ADMIN);
    }

    private long publish(ConversationLog log) {
        return appendTo(ConversationLog.AGGREGATE, log.id(), log.drain());
    }

    @Test
    void aRemovedMessage_reachesSubscribersAsDeleted_andReadsShowItDeleted() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String admin = UUID.randomUUID().toString();
        ConversationLog group = ConversationLog.group(alice, "Moderated", List.of(bob), start);
        String awful = group.send(bob, "something awful");
        long position = publish(group);
        try (Connection connection = StompTestClient.connect(port(), token(alice))) {
            Subscription messages = connection.subscribe("/topic/conversations/" + group.id() + "/messages",
                    "since-seq", "0", "X-Min-Position", Long.toString(position));
            assertThat(messages.next().path("type").asString()).isEqualTo("message.created");

            position = publish(group.removeByAdmin(awful, admin));

            JsonNode deleted = messages.next();
            assertThat(deleted.path("type").asString()).isEqualTo("message.deleted");
            assertThat(deleted.path("message").path("deleted").asBoolean()).isTrue();
            assertThat(deleted.path("message").path("text").isNull()).isTrue();
        }
        JsonNode page = getAtPosition("/api/v1/conversations/" + group.id() + "/messages", token(alice), position)
                .json();
        assertThat(page.path("items").get(0).path("deleted").asBoolean()).isTrue();
        assertThat(page.path("items").get(0).path("text").isNull()).isTrue();
        JsonNode found = getAtPosition("/api/v1/search/messages?q=awful", token(bob), position).json();
        assertThat(found.path("items").size()).isZero();
    }

    @Test
    void aDeactivatedUsersSockets_getSessionRevoked_andClose() {
        String troll = registeredUser("Troll");
        String session = TestTokens.newSessionId();
        try (Connection connection = StompTestClient.connect(port(), TestTokens.accessToken(troll, session))) {
            Subscription events = connection.subscribe("/user/queue/events");
            assertThat(events.next().path("type").asString()).isEqualTo("welcome");

            append(troll, new UserDeactivatedEvent(troll, UUID.randomUUID().toString(), Instant.now()),
                    new SessionsRevokedEvent(troll, List.of(session), RevocationReason.ACCOUNT_DEACTIVATED,
                            Instant.now()));

            JsonNode revoked = events.next();
            assertThat(revoked.path("type").asString()).isEqualTo("session.revoked");
            assertThat(revoked.path("reason").asString()).isEqualTo("ACCOUNT_DEACTIVATED");
            connection.awaitClosed();
        }
    }

    @Test
    void anArchivedConversation_showsArchivedAt() {
        String alice = UUID.randomUUID().toString();
        ConversationLog group = ConversationLog.group(alice, "Old", List.of(UUID.randomUUID().toString()), start);
        long position = publish(group);
        JsonNode before = getAtPosition("/api/v1/conversations/" + group.id(), token(alice), position).json();
        assertThat(before.path("archivedAt").isNull()).isTrue();

        position = publish(group.archive(UUID.randomUUID().toString()));

        JsonNode after = getAtPosition("/api/v1/conversations/" + group.id(), token(alice), position).json();
        assertThat(Instant.parse(after.path("archivedAt").asString())).isEqualTo(group.now());
    }

    @Test
    void theAuditLog_listsWhoDidWhatWhen_filteredByActorConversationAndTime_withoutMessageText() {
        String admin = UUID.randomUUID().toString();
        String owner = UUID.randomUUID().toString();
        String troll = UUID.randomUUID().toString();
        ConversationLog group = ConversationLog.group(owner, "Audited", List.of(troll), start);
        String awful = group.send(troll, "the secret text");
        Instant before = Instant.now();
        publish(group.removeByAdmin(awful, admin).archive(admin));
        long position = append(troll, new UserDeactivatedEvent(troll, admin, Instant.now()),
                new UserReactivatedEvent(troll, admin, Instant.now()));

        Response byAdmin = getAtPosition("/api/v1/admin/audit?actor=" + admin, adminToken(admin), position);

        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
        assertThat(byAdmin.json().path("items").valueStream().map(entry -> entry.path("action").asString()))
                .containsExactly("USER_REACTIVATED", "USER_DEACTIVATED", "CONVERSATION_ARCHIVED", "MESSAGE_REMOVED");
        JsonNode removed = byAdmin.json().path("items").get(3);
        assertThat(removed.path("actorId").asString()).isEqualTo(admin);
        assertThat(removed.path("conversationId").asString()).isEqualTo(group.id());
        assertThat(removed.path("messageId").asString()).isEqualTo(awful);
        assertThat(removed.path("seq").asLong()).isEqualTo(1);
        assertThat(Instant.parse(removed.path("at").asString())).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
        assertThat(byAdmin.json().path("items").get(0).path("userId").asString()).isEqualTo(troll);
        assertThat(byAdmin.entity().getBody()).doesNotContain("the secret text");

        JsonNode inConversation = getAtPosition("/api/v1/admin/audit?conversationId=" + group.id(), adminToken(admin),
                position).json();
        assertThat(inConversation.path("items").valueStream().map(entry -> entry.path("action").asString()))
                .containsExactly("CONVERSATION_ARCHIVED", "MESSAGE_REMOVED", "CONVERSATION_CREATED");
        JsonNode beforeAnything = getAtPosition("/api/v1/admin/audit?actor=" + admin + "&to=" + before.minusSeconds(60),
                adminToken(admin), position).json();
        assertThat(beforeAnything.path("items").size()).isZero();
        JsonNode limited = getAtPosition("/api/v1/admin/audit?actor=" + admin + "&from=" + before + "&limit=1",
                adminToken(admin), position).json();
        assertThat(limited.path("items").valueStream().map(entry -> entry.path("action").asString()))
                .containsExactly("USER_REACTIVATED");
    }

    @Test
    void theAuditLog_isForbiddenToUsers_andRefusesAnEmptyTimeRange() {
        String user = UUID.randomUUID().toString();
        Instant now = Instant.now();

        Response forbidden = get("/api/v1/admin/audit", token(user));
        Response emptyRange = get("/api/v1/admin/audit?from=" + now + "&to=" + now, adminToken(user));
        Response malformed = get("/api/v1/admin/audit?from=yesterday", adminToken(user));

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("ACCESS_DENIED");
        assertThat(emptyRange.status()).isEqualTo(400);
        assertThat(emptyRange.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("VALIDATION_FAILED");
    }
}
