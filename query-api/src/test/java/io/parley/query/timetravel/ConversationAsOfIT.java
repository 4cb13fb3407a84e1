package io.parley.query.timetravel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.privacy.PersonalDataKeys;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/v1/conversations/{id}/as-of against events stamped with the times the log gives them: the answers at
 * several instants of a group with edits, deletions, reactions and membership changes are the states computed by
 * hand below, built from the event store (they survive the loss of the read models), and only for someone who was
 * a member then and is one now.
 */
class ConversationAsOfIT extends QueryApiIntegrationTest {

    @Autowired
    private MongoTemplate mongo;
    @Autowired
    private PersonalDataKeys personalData;

    private final Instant start = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    private final String olga = UUID.randomUUID().toString();
    private final String adam = UUID.randomUUID().toString();
    private final String carl = UUID.randomUUID().toString();
    private final String bea = UUID.randomUUID().toString();
    private long position;

    @Test
    void asOf_showsMembersRolesAndMessages_asTheyWereAtEachInstant() {
        ConversationLog group = ConversationLog.group(olga, "Garden club", List.of(adam, carl), start);
        String hello = group.send(olga, "hello");
        String hi = group.send(adam, "hi");
        group.react(hello, adam, "👍");
        Instant first = group.now();

        group.edit(hello, olga, "hello all");
        group.remove(carl, olga);
        group.add(bea, olga);
        group.changeRole(adam, MemberRole.ADMIN, olga);
        group.deleteForEveryone(hi, adam);
        group.react(hello, bea, "🎉");
        group.unreact(hello, adam, "👍");
        group.details(null, "Roses only", olga);
        Instant second = group.now();

        String news = group.send(bea, "news");
        group.hide(hello, olga);
        group.edit(news, bea, "big news");
        Instant third = group.now();
        String spam = group.send(adam, "spam");
        Instant fourth = group.now();
        group.removeByAdmin(spam, olga);
        appendStamped(group);
        String c = "/api/v1/conversations/" + group.id() + "/as-of?at=";

        JsonNode atFirst = ok(read(c + first, olga));
        assertThat(atFirst.path("at").asString()).isEqualTo(first.toString());
        assertThat(atFirst.path("type").asString()).isEqualTo("GROUP");
        assertThat(atFirst.path("name").asString()).isEqualTo("Garden club");
        assertThat(atFirst.path("topic").isNull()).isTrue();
        assertThat(Instant.parse(atFirst.path("createdAt").asString())).isEqualTo(start.plusSeconds(1));
        // In joining order: the creator, then the others as the creation listed them (ConversationLog sorts them).
        assertThat(members(atFirst)).containsExactly(olga + "/OWNER",
                adam.compareTo(carl) < 0 ? adam + "/MEMBER" : carl + "/MEMBER",
                adam.compareTo(carl) < 0 ? carl + "/MEMBER" : adam + "/MEMBER");
        assertThat(messages(atFirst)).containsExactly(
                "1 " + olga + " hello {👍=[" + adam + "]}",
                "2 " + adam + " hi {}");
        assertThat(atFirst.path("items").get(0).path("editedAt").isNull()).isTrue();

        JsonNode atSecond = ok(read(c + second, bea));
        assertThat(atSecond.path("topic").asString()).isEqualTo("Roses only");
        assertThat(members(atSecond)).containsExactly(olga + "/OWNER", adam + "/ADMIN", bea + "/MEMBER");
        assertThat(Instant.parse(atSecond.path("members").get(2).path("joinedAt").asString()))
                .isEqualTo(start.plusSeconds(7));
        assertThat(messages(atSecond)).containsExactly(
                "1 " + olga + " hello all (edited) {🎉=[" + bea + "]}",
                "2 " + adam + " (deleted) {}");

        assertThat(messages(ok(read(c + third, adam)))).containsExactly(
                "1 " + olga + " hello all (edited) {🎉=[" + bea + "]}",
                "2 " + adam + " (deleted) {}",
                "3 " + bea + " big news (edited) {}");
        assertThat(messages(ok(read(c + third, olga)))).as("what Olga deleted for herself is gone from her view")
                .containsExactly("2 " + adam + " (deleted) {}", "3 " + bea + " big news (edited) {}");
        assertThat(messages(ok(read(c + second, olga)))).as("but not before she deleted it")
                .containsExactly("1 " + olga + " hello all (edited) {🎉=[" + bea + "]}", "2 " + adam + " (deleted) {}");

        // An administrator's removal holds for every instant, also before it was made.
        assertThat(messages(ok(read(c + fourth, adam)))).last().isEqualTo("4 " + adam + " (deleted) {}");

        // Between two events: the state after the earlier one.
        assertThat(messages(ok(read(c + first.plusMillis(999), adam))))
                .containsExactly("1 " + olga + " hello {👍=[" + adam + "]}", "2 " + adam + " hi {}");
        assertThat(messages(ok(read(c + first.plusSeconds(1), adam))))
                .containsExactly("1 " + olga + " hello all (edited) {👍=[" + adam + "]}", "2 " + adam + " hi {}");

        // An instant in the future is now.
        JsonNode future = ok(read(c + Instant.now().plus(Duration.ofDays(3)), adam));
        assertThat(Instant.parse(future.path("at").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(messages(future)).isEqualTo(messages(ok(read(c + fourth, adam))));

        // Built from the events: the read models can be gone.
        mongo.remove(query(where("conversationId").is(group.id())), "messages");
        mongo.remove(query(where("conversationId").is(group.id())), "message_edit_history");
        assertThat(messages(ok(read(c + first, olga))))
                .containsExactly("1 " + olga + " hello {👍=[" + adam + "]}", "2 " + adam + " hi {}");
    }

    /** Crypto-shredding (docs/adr/0007): once the author's key is erased, no instant shows their texts. */
    @Test
    void asOf_showsAnErasedAuthorsMessages_asDeleted_atEveryInstant() {
        ConversationLog group = ConversationLog.group(olga, "Erasure", List.of(adam), start);
        group.send(olga, "olga stays");
        String hi = group.send(adam, "adam goes");
        Instant sent = group.now();
        group.edit(hi, adam, "adam goes for good");
        Instant edited = group.now();
        appendStamped(group);
        String c = "/api/v1/conversations/" + group.id() + "/as-of?at=";
        assertThat(messages(ok(read(c + edited, olga))))
                .containsExactly("1 " + olga + " olga stays {}", "2 " + adam + " adam goes for good (edited) {}");

        personalData.erase(adam);

        for (Instant at : List.of(sent, edited)) {
            assertThat(messages(ok(read(c + at, olga)))).as("at " + at)
                    .containsExactly("1 " + olga + " olga stays {}", "2 " + adam + " (deleted) {}");
        }
    }

    @Test
    void asOf_pagesLikeTheMessageHistory() {
        ConversationLog group = ConversationLog.group(olga, "Pages", List.of(adam), start);
        for (int i = 1; i <= 5; i++) {
            group.send(i % 2 == 0 ? adam : olga, "m" + i);
        }
        Instant end = group.now();
        group.send(adam, "after the instant");
        appendStamped(group);
        String c = "/api/v1/conversations/" + group.id() + "/as-of?at=" + end;

        JsonNode newest = ok(read(c + "&limit=2", adam));
        assertThat(seqs(newest)).containsExactly(4L, 5L);
        assertThat(newest.path("nextCursor").asLong()).isEqualTo(4);
        JsonNode older = ok(read(c + "&limit=2&beforeSeq=4", adam));
        assertThat(seqs(older)).containsExactly(2L, 3L);
        assertThat(older.path("nextCursor").asLong()).isEqualTo(2);
        JsonNode oldest = ok(read(c + "&limit=2&beforeSeq=2", adam));
        assertThat(seqs(oldest)).containsExactly(1L);
        assertThat(oldest.path("nextCursor").isNull()).isTrue();
        JsonNode forward = ok(read(c + "&limit=3&afterSeq=1", adam));
        assertThat(seqs(forward)).containsExactly(2L, 3L, 4L);
        assertThat(forward.path("nextCursor").asLong()).isEqualTo(4);
        JsonNode last = ok(read(c + "&afterSeq=4", adam));
        assertThat(seqs(last)).containsExactly(5L);
        assertThat(last.path("nextCursor").isNull()).isTrue();
        assertThat(seqs(ok(read(c, adam)))).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void asOf_isNotFound_forWhoeverWasNoMemberThen_orIsNoneNow() {
        ConversationLog group = ConversationLog.group(olga, "Members only", List.of(adam, carl), start);
        group.send(olga, "before anyone left");
        Instant before = group.now();
        group.remove(carl, olga);
        group.add(bea, olga);
        Instant after = group.now();
        appendStamped(group);
        String c = "/api/v1/conversations/" + group.id() + "/as-of?at=";
        String stranger = UUID.randomUUID().toString();

        Response unknown = read("/api/v1/conversations/" + UUID.randomUUID() + "/as-of?at=" + before, olga);
        assertNotFound(unknown);
        assertNotFound(read(c + before, carl));
        assertNotFound(read(c + after, carl));
        assertNotFound(read(c + before, bea));
        assertNotFound(read(c + before, stranger));
        assertNotFound(read(c + start, olga));
        assertThat(unknown.json().path("detail").asString()).startsWith("No conversation ");
        assertThat(read(c + after, bea).status()).isEqualTo(200);
        assertThat(read(c + before, olga).status()).isEqualTo(200);
    }

    @Test
    void aMalformedInstant_orCursor_isABadRequest() {
        ConversationLog group = ConversationLog.group(olga, "Bad input", List.of(adam), start);
        appendStamped(group);
        String c = "/api/v1/conversations/" + group.id() + "/as-of";
        for (String query : List.of("", "?at=yesterday", "?at=2026-13-01T00:00:00Z", "?at=1733472000",
                "?at=" + start + "&beforeSeq=2&afterSeq=1", "?at=" + start + "&limit=0",
                "?at=" + start + "&limit=101", "?at=" + start + "&beforeSeq=-1")) {
            Response response = read(c + query, olga);
            assertThat(response.status()).as(query + ": " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        }
    }

    /** Appends the log's events stamped with their own times, as command-api stamps them when it appends them. */
    private void appendStamped(ConversationLog log) {
        long next = eventStore.lastSequenceNumberFor(log.id()).map(last -> last + 1).orElse(0L);
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (Object payload : log.drain()) {
            messages.add(new GenericDomainEventMessage<>(ConversationLog.AGGREGATE, log.id(), next++, payload,
                    Map.of(), UUID.randomUUID().toString(), stampOf(payload)));
        }
        eventStore.publish(messages);
        position = eventStore.createHeadToken().position().orElseThrow();
    }

    private static Instant stampOf(Object payload) {
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            if (component.getType() == Instant.class) {
                try {
                    return (Instant) component.getAccessor().invoke(payload);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("No time in " + payload.getClass().getSimpleName());
    }

    private Response read(String path, String userId) {
        return getAtPosition(path, TestTokens.accessToken(userId, TestTokens.newSessionId()), position);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("CONVERSATION_NOT_FOUND");
    }

    private static List<String> members(JsonNode asOf) {
        return asOf.path("members").valueStream()
                .map(m -> m.path("userId").asString() + "/" + m.path("role").asString())
                .toList();
    }

    /** "seq sender text (edited) {reactions}", text "(deleted)" when deleted for everyone. */
    private static List<String> messages(JsonNode asOf) {
        return asOf.path("items").valueStream().map(m -> {
            StringBuilder line = new StringBuilder().append(m.path("seq").asLong()).append(' ')
                    .append(m.path("senderId").asString()).append(' ');
            if (m.path("deleted").asBoolean()) {
                assertThat(m.path("text").isNull()).isTrue();
                line.append("(deleted)");
            } else {
                line.append(m.path("text").asString());
                if (!m.path("editedAt").isNull()) {
                    line.append(" (edited)");
                }
            }
            List<String> reactions = new ArrayList<>();
            m.path("reactions").properties().forEach(r -> reactions.add(r.getKey() + "="
                    + r.getValue().valueStream().map(JsonNode::asString).toList()));
            return line.append(" {").append(String.join(", ", reactions)).append('}').toString();
        }).toList();
    }

    private static List<Long> seqs(JsonNode page) {
        return page.path("items").valueStream().map(m -> m.path("seq").asLong()).toList();
    }
}
