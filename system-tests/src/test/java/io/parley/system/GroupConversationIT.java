package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.system.ParleyClient.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Five people in a group, driven over HTTP as their apps would: the owner creates the group and adds a member,
 * they send 200 messages (every tenth one retried with the same clientMessageId), edit, delete, react, reply,
 * read and leave; then every read endpoint is checked against what was written, and someone who is not a member
 * gets 404 on every conversation path.
 */
class GroupConversationIT {

    private static final int MESSAGES = 200;

    private static ParleyClient parley;

    @BeforeAll
    static void stack() throws Exception {
        parley = new ParleyClient(ParleyStack.get());
    }

    /** What the test wrote, by seq: the model the read side is checked against. */
    private record Sent(String messageId, User sender, String text, boolean deleted) {
    }

    @Test
    void aFivePersonGroup_readsBackExactlyWhatItsMembersWrote() {
        User owner = parley.signUp("Olivia Owner");
        User ann = parley.signUp("Ann");
        User ben = parley.signUp("Ben");
        User cat = parley.signUp("Cat");
        User dan = parley.signUp("Dan");
        User stranger = parley.signUp("Stranger");
        List<User> members = List.of(owner, ann, ben, cat, dan);

        Http.Reply created = parley.post(owner, "/api/v1/conversations/groups",
                Map.of("name", "Team Parley", "memberIds", List.of(ann.userId(), ben.userId(), cat.userId())));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.text("conversationId");
        String base = "/api/v1/conversations/" + id;
        assertThat(parley.post(owner, base + "/members", Map.of("userId", dan.userId())).status()).isEqualTo(204);

        Map<Long, Sent> sent = new LinkedHashMap<>();
        for (int i = 1; i <= MESSAGES; i++) {
            User sender = members.get(i % members.size());
            String clientMessageId = UUID.randomUUID().toString();
            String text = "message " + i + " from " + sender.userId();
            Map<String, Object> body = Map.of("clientMessageId", clientMessageId, "text", text);
            Http.Reply reply = parley.post(sender, base + "/messages", body);
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
            long seq = reply.json().path("seq").asLong();
            assertThat(seq).isEqualTo(i);
            sent.put(seq, new Sent(reply.text("messageId"), sender, text, false));
            if (i % 10 == 0) {
                Http.Reply retry = parley.post(sender, base + "/messages", body);
                assertThat(retry.status()).isEqualTo(200);
                assertThat(retry.text("messageId")).isEqualTo(reply.text("messageId"));
                assertThat(retry.json().path("seq").asLong()).isEqualTo(seq);
            }
        }

        long annFirst = firstBy(sent, ann);
        String editedText = "edited by Ann: quokka";
        assertThat(parley.patch(ann, base + "/messages/" + sent.get(annFirst).messageId(),
                Map.of("text", editedText)).status()).isEqualTo(204);

        long benFirst = firstBy(sent, ben);
        String benFirstId = sent.get(benFirst).messageId();
        assertThat(parley.delete(ben, base + "/messages/" + benFirstId + "?scope=everyone").status()).isEqualTo(204);
        sent.put(benFirst, new Sent(benFirstId, ben, null, true));

        String firstId = sent.get(1L).messageId();
        assertThat(parley.put(cat, base + "/messages/" + firstId + "/reactions/" + encode("👍"), Map.of()).status())
                .isEqualTo(204);
        assertThat(parley.put(dan, base + "/messages/" + firstId + "/reactions/" + encode("🎉"), Map.of()).status())
                .isEqualTo(204);

        Http.Reply answered = parley.post(dan, base + "/messages", Map.of("clientMessageId", UUID.randomUUID().toString(),
                "text", "replying to five, @Olivia", "replyToMessageId", sent.get(5L).messageId(),
                "mentions", List.of(owner.userId())));
        assertThat(answered.status()).as(answered.raw().body()).isEqualTo(201);
        long replySeq = answered.json().path("seq").asLong();
        assertThat(replySeq).isEqualTo(MESSAGES + 1);
        sent.put(replySeq, new Sent(answered.text("messageId"), dan, "replying to five, @Olivia", false));

        Map<User, Long> readUpTo = new HashMap<>(Map.of(owner, 150L, ann, replySeq, ben, 100L, cat, 50L));
        readUpTo.forEach((user, upTo) ->
                assertThat(parley.post(user, base + "/read", Map.of("upToSeq", upTo)).status()).isEqualTo(204));
        assertThat(parley.put(ben, base + "/mute", Map.of("muted", true)).status()).isEqualTo(204);
        assertThat(parley.delete(cat, base + "/members/" + cat.userId()).status()).isEqualTo(204);

        // Inbox: newest activity first, exact unread counts, own read marker and mute.
        for (User member : List.of(owner, ann, ben, dan)) {
            JsonNode item = inboxItem(member, id);
            long lastRead = readUpTo.getOrDefault(member, 0L);
            assertThat(item.path("type").asString()).isEqualTo("GROUP");
            assertThat(item.path("name").asString()).isEqualTo("Team Parley");
            assertThat(item.path("memberCount").asInt()).isEqualTo(4);
            assertThat(item.path("lastReadSeq").asLong()).as(member.email()).isEqualTo(lastRead);
            assertThat(item.path("unreadCount").asLong()).as(member.email())
                    .isEqualTo(unread(sent, member, lastRead));
            assertThat(item.path("muted").asBoolean()).isEqualTo(member == ben);
            assertThat(item.path("lastMessage").path("seq").asLong()).isEqualTo(replySeq);
        }

        // Details: who is in, with which role.
        JsonNode details = parley.get(owner, base).json();
        assertThat(details.path("type").asString()).isEqualTo("GROUP");
        Map<String, String> roles = new HashMap<>();
        details.path("members").forEach(m -> roles.put(m.path("userId").asString(), m.path("role").asString()));
        assertThat(roles).containsExactlyInAnyOrderEntriesOf(Map.of(owner.userId(), "OWNER",
                ann.userId(), "MEMBER", ben.userId(), "MEMBER", dan.userId(), "MEMBER"));

        // History: the newest 50 by default, ascending; paging back reaches seq 1 with nothing missing.
        Http.Reply newest = parley.get(owner, base + "/messages");
        assertThat(newest.status()).isEqualTo(200);
        List<JsonNode> page = items(newest);
        assertThat(page).hasSize(50);
        assertThat(page.get(0).path("seq").asLong()).isEqualTo(replySeq - 49);
        assertThat(page.get(49).path("seq").asLong()).isEqualTo(replySeq);
        assertThat(newest.json().path("nextCursor").isNull()).isFalse();
        Map<Long, JsonNode> history = new HashMap<>();
        page.forEach(m -> history.put(m.path("seq").asLong(), m));
        long before = page.get(0).path("seq").asLong();
        while (before > 1) {
            List<JsonNode> older = items(parley.get(owner, base + "/messages?beforeSeq=" + before + "&limit=100"));
            assertThat(older).isNotEmpty();
            older.forEach(m -> history.put(m.path("seq").asLong(), m));
            before = older.get(0).path("seq").asLong();
        }
        assertThat(history.keySet()).hasSize((int) replySeq);
        List<JsonNode> firstHundred = items(parley.get(owner, base + "/messages?afterSeq=0&limit=100"));
        assertThat(firstHundred).extracting(m -> m.path("seq").asLong()).containsExactlyElementsOf(range(1, 100));

        for (Map.Entry<Long, Sent> expected : sent.entrySet()) {
            JsonNode message = history.get(expected.getKey());
            Sent what = expected.getValue();
            assertThat(message.path("messageId").asString()).isEqualTo(what.messageId());
            assertThat(message.path("conversationId").asString()).isEqualTo(id);
            assertThat(message.path("senderId").asString()).isEqualTo(what.sender().userId());
            assertThat(message.path("deleted").asBoolean()).isEqualTo(what.deleted());
            if (expected.getKey() == annFirst) {
                assertThat(message.path("text").asString()).isEqualTo(editedText);
                assertThat(message.path("editedAt").isNull()).isFalse();
            } else if (what.deleted()) {
                assertThat(message.path("text").isNull()).as("deleted text").isTrue();
            } else {
                assertThat(message.path("text").asString()).isEqualTo(what.text());
            }
        }
        JsonNode first = history.get(1L).path("reactions");
        assertThat(first.path("👍")).extracting(JsonNode::asString).containsExactly(cat.userId());
        assertThat(first.path("🎉")).extracting(JsonNode::asString).containsExactly(dan.userId());
        JsonNode reply = history.get(replySeq);
        assertThat(reply.path("replyToMessageId").asString()).isEqualTo(sent.get(5L).messageId());
        assertThat(reply.path("mentions")).extracting(JsonNode::asString).containsExactly(owner.userId());

        // Edit history keeps every version; a message deleted for everyone keeps no text anywhere.
        List<JsonNode> versions = items(parley.get(owner, base + "/messages/" + sent.get(annFirst).messageId()
                + "/history"));
        assertThat(versions).extracting(v -> v.path("text").asString())
                .containsExactly(sent.get(annFirst).text(), editedText);
        List<JsonNode> deletedVersions = items(parley.get(owner, base + "/messages/" + benFirstId + "/history"));
        assertThat(deletedVersions).allSatisfy(v -> assertThat(v.path("text").isNull() || v.path("text").isMissingNode())
                .isTrue());

        // Receipts: each current member's read marker.
        Map<String, Long> receipts = new HashMap<>();
        items(parley.get(dan, base + "/receipts"))
                .forEach(r -> receipts.put(r.path("userId").asString(), r.path("lastReadSeq").asLong()));
        assertThat(receipts).containsEntry(owner.userId(), 150L).containsEntry(ann.userId(), replySeq)
                .containsEntry(ben.userId(), 100L).doesNotContainKey(cat.userId());

        // Search: only the caller's conversations, edits re-indexed, deleted messages never found.
        assertThat(items(parley.get(owner, "/api/v1/search/messages?q=quokka")))
                .extracting(m -> m.path("messageId").asString()).containsExactly(sent.get(annFirst).messageId());
        assertThat(items(parley.get(owner, "/api/v1/search/messages?q=quokka&conversationId=" + id))).hasSize(1);
        assertThat(items(parley.get(stranger, "/api/v1/search/messages?q=quokka"))).isEmpty();
        assertThat(items(parley.get(cat, "/api/v1/search/messages?q=quokka"))).isEmpty();
        String deletedWord = "message " + benFirst + " from";
        assertThat(items(parley.get(owner, "/api/v1/search/messages?q=" + encode(deletedWord))))
                .noneMatch(m -> m.path("messageId").asString().equals(benFirstId));

        // Someone who is not a member — a stranger, or Cat who left — learns nothing, not even that it exists.
        String messagePath = base + "/messages/" + firstId;
        for (User outsider : List.of(stranger, cat)) {
            for (String path : List.of(base, base + "/messages", messagePath + "/history", base + "/receipts")) {
                assertThat(parley.get(outsider, path).status()).as(outsider.email() + " GET " + path).isEqualTo(404);
            }
        }
        Map<String, Http.Reply> writes = new LinkedHashMap<>();
        writes.put("PATCH details", parley.patch(stranger, base, Map.of("name", "Mine")));
        writes.put("POST member", parley.post(stranger, base + "/members", Map.of("userId", stranger.userId())));
        writes.put("DELETE member", parley.delete(stranger, base + "/members/" + ann.userId()));
        writes.put("PUT role", parley.put(stranger, base + "/members/" + ann.userId() + "/role", Map.of("role", "ADMIN")));
        writes.put("POST message", parley.post(stranger, base + "/messages",
                Map.of("clientMessageId", UUID.randomUUID().toString(), "text", "let me in")));
        writes.put("PATCH message", parley.patch(stranger, messagePath, Map.of("text", "mine now")));
        writes.put("DELETE message", parley.delete(stranger, messagePath + "?scope=everyone"));
        writes.put("PUT reaction", parley.put(stranger, messagePath + "/reactions/" + encode("👍"), Map.of()));
        writes.put("DELETE reaction", parley.delete(stranger, messagePath + "/reactions/" + encode("👍")));
        writes.put("POST read", parley.post(stranger, base + "/read", Map.of("upToSeq", 1)));
        writes.put("PUT mute", parley.put(stranger, base + "/mute", Map.of("muted", true)));
        writes.forEach((what, refused) -> {
            assertThat(refused.status()).as(what + ": " + refused.raw().body()).isEqualTo(404);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        });
        assertThat(inboxIds(stranger)).doesNotContain(id);
    }

    private static long firstBy(Map<Long, Sent> sent, User sender) {
        return sent.entrySet().stream().filter(e -> e.getValue().sender() == sender).findFirst().orElseThrow().getKey();
    }

    private static long unread(Map<Long, Sent> sent, User member, long lastRead) {
        return sent.entrySet().stream()
                .filter(e -> e.getKey() > lastRead && e.getValue().sender() != member && !e.getValue().deleted())
                .count();
    }

    private static JsonNode inboxItem(User member, String conversationId) {
        Http.Reply inbox = parley.get(member, "/api/v1/conversations?limit=50");
        assertThat(inbox.status()).as(inbox.raw().body()).isEqualTo(200);
        return items(inbox).stream().filter(i -> i.path("conversationId").asString().equals(conversationId))
                .findFirst().orElseThrow(() -> new AssertionError("not in the inbox of " + member.email()));
    }

    private static List<String> inboxIds(User member) {
        return items(parley.get(member, "/api/v1/conversations")).stream()
                .map(i -> i.path("conversationId").asString()).toList();
    }

    private static List<JsonNode> items(Http.Reply reply) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.json().path("items").forEach(items::add);
        return items;
    }

    private static List<Long> range(long from, long to) {
        List<Long> range = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            range.add(i);
        }
        return range;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
