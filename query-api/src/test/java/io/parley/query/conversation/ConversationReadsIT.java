package io.parley.query.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The conversation reads of docs/api.md over HTTP, after events appended as the Conversation aggregate appends them,
 * read with X-Min-Position so no polling is needed.
 */
class ConversationReadsIT extends QueryApiIntegrationTest {

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private long position;

    @Test
    void inbox_listsConversationsNewestActivityFirst_andPagesWithTheCursor() {
        String me = user("Me");
        String friend = user("Friend Direct");
        String other = user("Other");
        ConversationLog older = ConversationLog.group(me, "Older group", List.of(other), start);
        ConversationLog middle = ConversationLog.group(other, "Middle group", List.of(me), start.plusSeconds(100));
        ConversationLog direct = ConversationLog.direct(friend, me, start.plusSeconds(200));
        direct.send(friend, "hi there");
        publish(older, middle, direct);
        older.advance(Duration.ofSeconds(1000));
        String latest = older.send(other, "the latest news");
        older.mute(me, true);
        publish(older);

        JsonNode first = ok(read("/api/v1/conversations?limit=2", me));
        assertThat(ids(first.path("items"))).containsExactly(older.id(), direct.id());
        JsonNode top = first.path("items").get(0);
        assertThat(top.path("type").asString()).isEqualTo("GROUP");
        assertThat(top.path("name").asString()).isEqualTo("Older group");
        assertThat(top.path("memberCount").asInt()).isEqualTo(2);
        assertThat(top.path("unreadCount").asLong()).isEqualTo(1);
        assertThat(top.path("lastReadSeq").asLong()).isZero();
        assertThat(top.path("muted").asBoolean()).isTrue();
        assertThat(top.path("lastMessage").path("messageId").asString()).isEqualTo(latest);
        assertThat(top.path("lastMessage").path("seq").asLong()).isEqualTo(1);
        assertThat(top.path("lastMessage").path("senderId").asString()).isEqualTo(other);
        assertThat(top.path("lastMessage").path("text").asString()).isEqualTo("the latest news");
        assertThat(top.path("lastMessage").path("deleted").asBoolean()).isFalse();
        assertThat(Instant.parse(top.path("lastActivityAt").asString()))
                .isEqualTo(Instant.parse(top.path("lastMessage").path("createdAt").asString()));
        JsonNode directItem = first.path("items").get(1);
        assertThat(directItem.path("type").asString()).isEqualTo("DIRECT");
        assertThat(directItem.path("name").asString()).isEqualTo("Friend Direct");
        assertThat(directItem.path("memberCount").asInt()).isEqualTo(2);
        assertThat(first.path("nextCursor").asString()).isNotBlank();

        JsonNode second = ok(read("/api/v1/conversations?limit=2&cursor=" + first.path("nextCursor").asString(), me));
        assertThat(ids(second.path("items"))).containsExactly(middle.id());
        assertThat(second.path("items").get(0).path("lastMessage").isNull()).isTrue();
        assertThat(second.path("nextCursor").isNull()).isTrue();

        assertThat(ids(ok(read("/api/v1/conversations", friend)).path("items"))).containsExactly(direct.id());
        assertThat(ok(read("/api/v1/conversations", friend)).path("items").get(0).path("name").asString())
                .isEqualTo("Me");
    }

    @Test
    void details_showMembersInJoiningOrderWithRolesAndNames_andErasedAccountsShowNoName() {
        String owner = user("Owner Olga");
        String member = user("Member Max");
        String late = user("Late Lena");
        ConversationLog group = ConversationLog.group(owner, "Book club", List.of(member), start);
        group.details(null, "Novels only", owner).add(late, owner).changeRole(member, MemberRole.ADMIN, owner);
        publish(group);
        position = append(late, new UserDeletedEvent(late, Instant.now()));

        JsonNode details = ok(read("/api/v1/conversations/" + group.id(), owner));
        assertThat(details.path("conversationId").asString()).isEqualTo(group.id());
        assertThat(details.path("type").asString()).isEqualTo("GROUP");
        assertThat(details.path("name").asString()).isEqualTo("Book club");
        assertThat(details.path("topic").asString()).isEqualTo("Novels only");
        assertThat(Instant.parse(details.path("createdAt").asString())).isEqualTo(start.plusSeconds(1));
        assertThat(details.path("members").valueStream()
                .map(m -> m.path("userId").asString() + "/" + m.path("displayName").asString() + "/"
                        + m.path("role").asString()))
                .containsExactly(owner + "/Owner Olga/OWNER", member + "/Member Max/ADMIN", late + "/Deleted user/MEMBER");
        assertThat(details.toString()).doesNotContain("Late Lena");
    }

    @Test
    void messages_pageBackwardAndForwardBySeq_withLimits() {
        String a = user("Ann");
        String b = user("Ben");
        ConversationLog direct = ConversationLog.direct(a, b, start);
        List<String> ids = IntStream.rangeClosed(1, 7).mapToObj(i -> direct.send(i % 2 == 0 ? b : a, "message " + i))
                .toList();
        String reply = direct.send(b, "a reply", ids.get(0), Set.of(a));
        direct.react(reply, a, "👍").react(reply, b, "👍").react(reply, a, "🎉");
        publish(direct);
        String path = "/api/v1/conversations/" + direct.id() + "/messages";

        JsonNode all = ok(read(path, a));
        assertThat(seqs(all)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(all.path("nextCursor").isNull()).isTrue();
        JsonNode newest = ok(read(path + "?limit=3", a));
        assertThat(seqs(newest)).containsExactly(6L, 7L, 8L);
        assertThat(newest.path("nextCursor").asLong()).isEqualTo(6);
        JsonNode older = ok(read(path + "?limit=3&beforeSeq=6", a));
        assertThat(seqs(older)).containsExactly(3L, 4L, 5L);
        assertThat(older.path("nextCursor").asLong()).isEqualTo(3);
        JsonNode oldest = ok(read(path + "?limit=3&beforeSeq=3", a));
        assertThat(seqs(oldest)).containsExactly(1L, 2L);
        assertThat(oldest.path("nextCursor").isNull()).isTrue();
        JsonNode forward = ok(read(path + "?limit=3&afterSeq=0", a));
        assertThat(seqs(forward)).containsExactly(1L, 2L, 3L);
        assertThat(forward.path("nextCursor").asLong()).isEqualTo(3);
        JsonNode tail = ok(read(path + "?limit=3&afterSeq=6", a));
        assertThat(seqs(tail)).containsExactly(7L, 8L);
        assertThat(tail.path("nextCursor").isNull()).isTrue();
        assertThat(seqs(ok(read(path + "?afterSeq=8", a)))).isEmpty();
        assertThat(seqs(ok(read(path + "?limit=100&beforeSeq=1", a)))).isEmpty();

        JsonNode message = all.path("items").get(7);
        assertThat(message.path("messageId").asString()).isEqualTo(reply);
        assertThat(message.path("conversationId").asString()).isEqualTo(direct.id());
        assertThat(message.path("senderId").asString()).isEqualTo(b);
        assertThat(message.path("text").asString()).isEqualTo("a reply");
        assertThat(message.path("createdAt").asString()).isNotBlank();
        assertThat(message.path("editedAt").isNull()).isTrue();
        assertThat(message.path("deleted").asBoolean()).isFalse();
        assertThat(message.path("replyToMessageId").asString()).isEqualTo(ids.get(0));
        assertThat(message.path("mentions").valueStream().map(JsonNode::asString)).containsExactly(a);
        assertThat(message.path("reactions").path("👍").valueStream().map(JsonNode::asString)).containsExactly(a, b);
        assertThat(message.path("reactions").path("🎉").valueStream().map(JsonNode::asString)).containsExactly(a);
    }

    @Test
    void editHistory_listsTheOriginalThenEveryEdit() {
        String a = user("Editor");
        String b = user("Reader");
        ConversationLog direct = ConversationLog.direct(a, b, start);
        String message = direct.send(a, "first version");
        direct.edit(message, a, "second version").edit(message, a, "third version");
        publish(direct);

        JsonNode history = ok(read("/api/v1/conversations/" + direct.id() + "/messages/" + message + "/history", b));
        assertThat(history.path("items").valueStream().map(v -> v.path("text").asString()))
                .containsExactly("first version", "second version", "third version");
        assertThat(history.path("items").get(0).path("editedAt").isNull()).isTrue();
        assertThat(history.path("items").valueStream().map(v -> v.path("version").asInt())).containsExactly(1, 2, 3);
        assertThat(history.path("items").valueStream().map(v -> v.path("actorId").asString()))
                .containsExactly(a, a, a);
        assertThat(history.path("items").valueStream().map(v -> Instant.parse(v.path("at").asString())))
                .as("when each version was written: the send, then each edit, one second apart in the log")
                .containsExactly(start.plusSeconds(2), start.plusSeconds(3), start.plusSeconds(4));
        assertThat(Instant.parse(history.path("items").get(2).path("editedAt").asString()))
                .isEqualTo(Instant.parse(ok(read("/api/v1/conversations/" + direct.id() + "/messages", b))
                        .path("items").get(0).path("editedAt").asString()));
        assertThat(ok(read("/api/v1/conversations/" + direct.id() + "/messages", b)).path("items").get(0)
                .path("text").asString()).isEqualTo("third version");

        Response unknown = read("/api/v1/conversations/" + direct.id() + "/messages/" + UUID.randomUUID() + "/history", b);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("MESSAGE_NOT_FOUND");

        String stranger = user("Stranger");
        Response strangers = read("/api/v1/conversations/" + direct.id() + "/messages/" + message + "/history",
                stranger);
        Response unknownConversation = read("/api/v1/conversations/" + UUID.randomUUID() + "/messages/" + message
                + "/history", b);
        assertThat(strangers.status()).as(strangers.toString()).isEqualTo(404);
        assertThat(strangers.code()).isEqualTo(unknownConversation.code()).isEqualTo("CONVERSATION_NOT_FOUND");
    }

    @Test
    void aMessageDeletedForEveryone_keepsItsSeqWithoutText_inEveryReadModel() {
        String a = user("Deleter");
        String b = user("Witness");
        ConversationLog direct = ConversationLog.direct(a, b, start);
        direct.send(a, "harmless words");
        String secret = direct.send(a, "zanzibar confidential");
        direct.edit(secret, a, "zanzibar confidential edited");
        direct.react(secret, b, "👍");
        direct.deleteForEveryone(secret, a);
        publish(direct);

        for (String viewer : List.of(a, b)) {
            JsonNode deleted = ok(read("/api/v1/conversations/" + direct.id() + "/messages", viewer)).path("items").get(1);
            assertThat(deleted.path("seq").asLong()).isEqualTo(2);
            assertThat(deleted.path("deleted").asBoolean()).isTrue();
            assertThat(deleted.path("text").isNull()).isTrue();
            assertThat(deleted.path("reactions").isEmpty()).isTrue();
            JsonNode history = ok(read("/api/v1/conversations/" + direct.id() + "/messages/" + secret + "/history", viewer));
            assertThat(history.path("items").isEmpty()).isTrue();
            assertThat(ok(read("/api/v1/search/messages?q=zanzibar", viewer)).path("items").isEmpty()).isTrue();
            JsonNode last = ok(read("/api/v1/conversations", viewer)).path("items").get(0).path("lastMessage");
            assertThat(last.path("messageId").asString()).isEqualTo(secret);
            assertThat(last.path("deleted").asBoolean()).isTrue();
            assertThat(last.path("text").isNull()).isTrue();
        }
        assertThat(ok(read("/api/v1/conversations", b)).path("items").get(0).path("unreadCount").asLong()).isEqualTo(1);
        assertThat(ok(read("/api/v1/conversations/" + direct.id() + "/messages", b)).toString())
                .doesNotContain("confidential");
    }

    @Test
    void aMessageDeletedForMe_isHiddenFromThatMemberOnly() {
        String a = user("Hider");
        String b = user("Sender");
        ConversationLog direct = ConversationLog.direct(a, b, start);
        String kept = direct.send(b, "kept message");
        String hidden = direct.send(b, "hidden quokka");
        direct.hide(hidden, a);
        publish(direct);
        String messages = "/api/v1/conversations/" + direct.id() + "/messages";

        assertThat(seqs(ok(read(messages, a)))).containsExactly(1L);
        assertThat(seqs(ok(read(messages, b)))).containsExactly(1L, 2L);
        assertThat(ok(read("/api/v1/search/messages?q=quokka", a)).path("items").isEmpty()).isTrue();
        assertThat(ok(read("/api/v1/search/messages?q=quokka", b)).path("items").size()).isEqualTo(1);
        assertThat(read(messages + "/" + hidden + "/history", a).code()).isEqualTo("MESSAGE_NOT_FOUND");
        JsonNode inbox = ok(read("/api/v1/conversations", a)).path("items").get(0);
        assertThat(inbox.path("lastMessage").path("messageId").asString()).isEqualTo(kept);
        assertThat(inbox.path("unreadCount").asLong()).isEqualTo(1);
    }

    @Test
    void receipts_showEveryCurrentMembersReadMarker() {
        String owner = user("R Owner");
        String reader = user("R Reader");
        String leaver = user("R Leaver");
        ConversationLog group = ConversationLog.group(owner, "Receipts", List.of(reader, leaver), start);
        group.send(owner, "one");
        group.send(owner, "two");
        group.read(reader, 2).read(leaver, 1).remove(leaver, leaver);
        publish(group);

        JsonNode receipts = ok(read("/api/v1/conversations/" + group.id() + "/receipts", reader));
        Map<String, Long> markers = new HashMap<>();
        receipts.path("items").forEach(r -> markers.put(r.path("userId").asString(), r.path("lastReadSeq").asLong()));
        assertThat(markers).isEqualTo(Map.of(owner, 0L, reader, 2L));
    }

    @Test
    void search_findsEveryWordInTheCallersCurrentConversationsOnly_newestFirst() {
        String me = user("Searcher");
        String other = user("Other Searcher");
        ConversationLog mine = ConversationLog.group(me, "Mine", List.of(other), start);
        ConversationLog left = ConversationLog.group(other, "Left", List.of(me), start);
        ConversationLog never = ConversationLog.group(other, "Never", List.of(), start);
        ConversationLog direct = ConversationLog.direct(other, me, start);
        String older = mine.send(other, "Pineapple pizza tonight?");
        String newer = mine.send(me, "PINEAPPLE juice, no pizza");
        String edited = mine.send(other, "nothing here");
        mine.edit(edited, other, "pineapple pizza after all");
        left.send(other, "pineapple pizza in the left group");
        left.remove(me, me);
        never.send(other, "pineapple pizza nobody else sees");
        String privately = direct.send(other, "kumquat, just between us");
        publish(mine, left, never, direct);

        assertThat(messageIds(ok(read("/api/v1/search/messages?q=pizza pineapple", me))))
                .containsExactly(edited, newer, older);
        assertThat(messageIds(ok(read("/api/v1/search/messages?q=pineapple piz", me))))
                .containsExactly(edited, newer, older);
        assertThat(messageIds(ok(read("/api/v1/search/messages?q=juice&conversationId=" + mine.id(), me))))
                .containsExactly(newer);
        assertThat(messageIds(ok(read("/api/v1/search/messages?q=pizza&limit=1", me)))).containsExactly(edited);
        assertThat(messageIds(ok(read("/api/v1/search/messages?q=nothing", me)))).isEmpty();
        assertThat(messageIds(ok(read("/api/v1/search/messages?q=pizza banana", me)))).isEmpty();
        JsonNode hit = ok(read("/api/v1/search/messages?q=juice", me)).path("items").get(0);
        assertThat(hit.path("conversationId").asString()).isEqualTo(mine.id());
        assertThat(hit.path("seq").asLong()).isEqualTo(2);
        assertThat(hit.path("text").asString()).isEqualTo("PINEAPPLE juice, no pizza");
        assertThat(hit.path("conversationName").asString()).isEqualTo("Mine");
        assertThat(hit.path("conversationType").asString()).isEqualTo("GROUP");
        JsonNode directHit = ok(read("/api/v1/search/messages?q=kumquat", me)).path("items").get(0);
        assertThat(directHit.path("messageId").asString()).isEqualTo(privately);
        assertThat(directHit.path("conversationType").asString()).isEqualTo("DIRECT");
        assertThat(directHit.path("conversationName").asString()).as("the other member's name")
                .isEqualTo("Other Searcher");
        assertThat(ok(read("/api/v1/search/messages?q=kumquat", other)).path("items").get(0)
                .path("conversationName").asString()).isEqualTo("Searcher");

        for (ConversationLog hidden : List.of(left, never)) {
            Response scoped = read("/api/v1/search/messages?q=pizza&conversationId=" + hidden.id(), me);
            assertThat(scoped.status()).as(scoped.toString()).isEqualTo(404);
            assertThat(scoped.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        }
        assertThat(messageIds(ok(read("/api/v1/search/messages?q=pizza", other)))).hasSize(5);
    }

    @Test
    void nonMembersAndRemovedMembers_getNotFound_likeAnUnknownId_onEveryConversationPath() {
        String owner = user("Gatekeeper");
        String removed = user("Removed");
        String outsider = user("Outsider");
        ConversationLog group = ConversationLog.group(owner, "Private", List.of(removed), start);
        String message = group.send(owner, "members only");
        group.remove(removed, owner);
        publish(group);
        String unknownId = UUID.randomUUID().toString();

        for (String suffix : List.of("", "/messages", "/messages?beforeSeq=5", "/messages/" + message + "/history",
                "/receipts")) {
            Response unknown = read("/api/v1/conversations/" + unknownId + suffix, outsider);
            assertNotFound(unknown, unknownId);
            for (String caller : List.of(outsider, removed)) {
                Response response = read("/api/v1/conversations/" + group.id() + suffix, caller);
                assertNotFound(response, group.id());
                assertThat(response.json().toString())
                        .isEqualTo(unknown.json().toString().replace(unknownId, group.id()));
            }
            assertThat(read("/api/v1/conversations/" + group.id() + suffix, owner).status()).isEqualTo(200);
        }
        assertThat(ids(ok(read("/api/v1/conversations", removed)).path("items"))).doesNotContain(group.id());
        assertThat(ok(read("/api/v1/search/messages?q=members", removed)).path("items").isEmpty()).isTrue();
    }

    @Test
    void unreadCounts_matchARecountFromTheMessageHistory_inAGroupOfFive() {
        List<String> members = IntStream.range(0, 5).mapToObj(i -> user("Member " + i)).toList();
        ConversationLog group = ConversationLog.group(members.get(0), "Five", members.subList(1, 5), start);
        Random random = new Random(20261122);
        List<String> sent = new ArrayList<>();
        Map<String, String> authors = new HashMap<>();
        for (int round = 0; round < 120; round++) {
            String actor = members.get(random.nextInt(members.size()));
            int action = random.nextInt(10);
            if (action < 5 || sent.isEmpty()) {
                String id = group.send(actor, "message " + round);
                sent.add(id);
                authors.put(id, actor);
            } else if (action < 7) {
                group.read(actor, 1 + random.nextInt((int) group.lastSeq()));
            } else if (action == 7) {
                String id = sent.get(random.nextInt(sent.size()));
                group.edit(id, authors.get(id), "edited in round " + round);
            } else if (action == 8) {
                String id = sent.remove(random.nextInt(sent.size()));
                group.deleteForEveryone(id, authors.get(id));
            } else {
                group.hide(sent.get(random.nextInt(sent.size())), actor);
            }
        }
        publish(group);

        for (String member : members) {
            JsonNode entry = ok(read("/api/v1/conversations", member)).path("items").get(0);
            assertThat(entry.path("conversationId").asString()).isEqualTo(group.id());
            long lastReadSeq = entry.path("lastReadSeq").asLong();
            long recount = ok(read("/api/v1/conversations/" + group.id() + "/messages?limit=100&afterSeq=" + lastReadSeq,
                    member)).path("items").valueStream()
                    .filter(m -> !m.path("deleted").asBoolean() && !m.path("senderId").asString().equals(member))
                    .count();
            assertThat(group.lastSeq() - lastReadSeq).isLessThanOrEqualTo(100);
            assertThat(entry.path("unreadCount").asLong()).as("unread of member " + member).isEqualTo(recount);
            JsonNode receipt = ok(read("/api/v1/conversations/" + group.id() + "/receipts", member)).path("items")
                    .valueStream().filter(r -> r.path("userId").asString().equals(member)).findFirst().orElseThrow();
            assertThat(receipt.path("lastReadSeq").asLong()).isEqualTo(lastReadSeq);
        }
    }

    @Test
    void badPagingAndSearchParameters_areFieldErrors() {
        String me = user("Bad Params");
        ConversationLog direct = ConversationLog.direct(me, user("Peer"), start);
        publish(direct);
        String messages = "/api/v1/conversations/" + direct.id() + "/messages";

        for (String limit : List.of("0", "101", "-1", "ten", "99999999999")) {
            assertFieldError(read("/api/v1/conversations?limit=" + limit, me), "limit");
            assertFieldError(read(messages + "?limit=" + limit, me), "limit");
            assertFieldError(read("/api/v1/search/messages?q=x&limit=" + limit, me), "limit");
        }
        assertFieldError(read(messages + "?beforeSeq=-1", me), "beforeSeq");
        assertFieldError(read(messages + "?afterSeq=-1", me), "afterSeq");
        assertFieldError(read(messages + "?afterSeq=x", me), "afterSeq");
        assertFieldError(read(messages + "?afterSeq=1&beforeSeq=5", me), "afterSeq");
        assertFieldError(read("/api/v1/conversations?cursor=not-a-cursor", me), "cursor");
        assertFieldError(read("/api/v1/conversations?cursor=MTIzOg", me), "cursor");
        assertFieldError(read("/api/v1/search/messages", me), "q");
        assertFieldError(read("/api/v1/search/messages?q= ", me), "q");
        assertFieldError(read("/api/v1/search/messages?q=!?!", me), "q");
        assertFieldError(read("/api/v1/search/messages?q=" + "a".repeat(201), me), "q");
        assertThat(read(messages + "?limit=1&beforeSeq=0", me).status()).isEqualTo(200);
        assertThat(read(messages + "?limit=100&afterSeq=0", me).status()).isEqualTo(200);
    }

    private String user(String displayName) {
        String userId = UUID.randomUUID().toString();
        position = append(userId, new UserRegisteredEvent(userId, userId + "@example.com", displayName,
                Set.of(Role.USER), Instant.now()));
        return userId;
    }

    private void publish(ConversationLog... logs) {
        for (ConversationLog log : logs) {
            position = appendTo(ConversationLog.AGGREGATE, log.id(), log.drain());
        }
    }

    private Response read(String path, String userId) {
        return getAtPosition(path, TestTokens.accessToken(userId, TestTokens.newSessionId()), position);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode items) {
        return items.valueStream().map(item -> item.path("conversationId").asString()).toList();
    }

    private static List<String> messageIds(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("messageId").asString()).toList();
    }

    private static List<Long> seqs(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.path("seq").asLong()).toList();
    }

    private static void assertNotFound(Response response, String conversationId) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(response.json().path("detail").asString()).isEqualTo("No conversation " + conversationId);
    }

    private static void assertFieldError(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors").path(field).asString()).as(response.toString()).isNotBlank();
    }
}
