package io.parley.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.contact.ContactIds;
import io.parley.kernel.contact.ContactRequestAcceptedEvent;
import io.parley.kernel.contact.ContactRequestedEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * A store of a few thousand events across users, contacts, conversations and messages; every read endpoint's
 * answers recorded for several callers; then each projection rebuilt in turn, and finally all of them at once,
 * while a client keeps reading every one of those answers: no read fails or differs (an empty page would differ)
 * while a rebuild runs, and every answer is identical afterwards.
 */
class RebuildWhileReadingIT extends QueryApiIntegrationTest {

    private final Random random = new Random(12);
    private final String word = "zeph" + Long.toString(Math.abs(new Random().nextLong()), 36).substring(0, 6);
    private final List<String> users = new ArrayList<>();
    private final String adminId = UUID.randomUUID().toString();
    private final String admin = TestTokens.accessToken(adminId, TestTokens.newSessionId(), Role.USER, Role.ADMIN);
    private final Map<String, List<String>> edited = new LinkedHashMap<>();
    private long position;
    private int events;

    @Test
    void everyReadAnswersTheSame_whileEachProjectionIsRebuilt_andAfterwards() throws InterruptedException {
        Instant start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
        List<ConversationLog> conversations = fill(start);
        assertThat(events).as("events written").isGreaterThan(2_000);
        List<Read> reads = reads(conversations, start);
        await().atMost(Duration.ofSeconds(120)).until(() -> getAtPosition("/api/v1/users/me",
                token(users.getFirst()), position).status() == 200);
        Map<Read, String> recorded = new LinkedHashMap<>();
        for (Read read : reads) {
            Response response = get(read.path(), read.token());
            assertThat(response.status()).as(read.path() + ": " + response).isEqualTo(200);
            recorded.put(read, response.entity().getBody());
        }
        // Nobody is connected, so nobody is online: every other answer has something in it.
        recorded.forEach((read, body) -> assertThat(read.path().endsWith("/online") || !body.contains("\"items\":[]"))
                .as("an empty answer to begin with: " + read.path()).isTrue());

        List<String> projections = get("/api/v1/admin/projections", admin).json().valueStream()
                .map(p -> p.path("name").asString()).toList();
        assertThat(projections).contains("message-view", "inbox-view", "user-view", "conversation-view");
        for (String projection : projections) {
            readWhile(recorded, projection, () -> {
                Response accepted = send(HttpMethod.POST, "/api/v1/admin/projections/" + projection + "/rebuild",
                        admin);
                assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
                awaitSwitched(List.of(projection), accepted.json().path("rebuildId").asString());
            });
        }
        readWhile(recorded, "every projection", () -> {
            Response accepted = send(HttpMethod.POST, "/api/v1/admin/projections/rebuild", admin);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            awaitSwitched(projections, accepted.json().path("rebuilds").get(0).path("rebuildId").asString());
        });

        recorded.forEach((read, body) -> assertThat(get(read.path(), read.token()).entity().getBody())
                .as("after the rebuilds: " + read.path()).isEqualTo(body));
    }

    /** Runs the rebuild while a reader goes round every recorded read; asserts it read, and never saw a difference. */
    private void readWhile(Map<Read, String> recorded, String what, Runnable rebuild) throws InterruptedException {
        List<String> differences = new CopyOnWriteArrayList<>();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean reading = new AtomicBoolean(true);
        List<Map.Entry<Read, String>> all = List.copyOf(recorded.entrySet());
        Thread reader = Thread.ofPlatform().name("reader").start(() -> {
            int i = 0;
            while (reading.get()) {
                Map.Entry<Read, String> next = all.get(i++ % all.size());
                Response response = get(next.getKey().path(), next.getKey().token());
                if (response.status() != 200 || !next.getValue().equals(response.entity().getBody())) {
                    differences.add(next.getKey().path() + " -> " + response);
                }
                done.incrementAndGet();
            }
        });
        try {
            rebuild.run();
        } finally {
            reading.set(false);
            reader.join();
        }
        assertThat(done.get()).as("reads during the rebuild of " + what).isPositive();
        assertThat(differences).as("answers that differed during the rebuild of " + what).isEmpty();
    }

    private void awaitSwitched(List<String> projections, String rebuildId) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode statuses = get("/api/v1/admin/projections", admin).json();
            return statuses.valueStream().filter(p -> projections.contains(p.path("name").asString()))
                    .allMatch(p -> p.path("rebuild").path("rebuildId").asString().equals(rebuildId)
                            && !p.path("rebuild").path("state").asString().equals("RUNNING"));
        });
        get("/api/v1/admin/projections", admin).json().valueStream()
                .filter(p -> projections.contains(p.path("name").asString()))
                .forEach(p -> assertThat(p.path("rebuild").path("state").asString())
                        .as(p.path("name").asString()).isEqualTo("SWITCHED"));
    }

    /** Ten users (one deleted later), contacts, five groups and three direct chats with ~2,500 events in all. */
    private List<ConversationLog> fill(Instant start) {
        append(adminId, new UserRegisteredEvent(adminId, adminId + "@example.com", "Rebuild admin",
                Set.of(Role.USER, Role.ADMIN), start));
        events++;
        for (int i = 0; i < 10; i++) {
            String id = UUID.randomUUID().toString();
            users.add(id);
            append(id, new UserRegisteredEvent(id, id + "@example.com", "Reader " + word + " " + i,
                    Set.of(Role.USER), start.plusSeconds(i)),
                    new UserProfileChangedEvent(id, null, "bio of " + i, null, start.plusSeconds(20 + i)));
            events += 2;
        }
        String ab = ContactIds.pair(users.get(0), users.get(1));
        String ac = ContactIds.pair(users.get(0), users.get(2));
        appendTo("Contact", ab, new ContactRequestedEvent(ab, users.get(0), users.get(1), start.plusSeconds(40)),
                new ContactRequestAcceptedEvent(ab, users.get(0), users.get(1), start.plusSeconds(41)));
        appendTo("Contact", ac, new ContactRequestedEvent(ac, users.get(2), users.get(0), start.plusSeconds(42)));
        String bc = ContactIds.pair(users.get(1), users.get(2));
        appendTo("Contact", bc, new ContactRequestedEvent(bc, users.get(2), users.get(1), start.plusSeconds(43)),
                new ContactRequestAcceptedEvent(bc, users.get(2), users.get(1), start.plusSeconds(44)));
        events += 5;

        List<ConversationLog> conversations = new ArrayList<>();
        for (int g = 0; g < 5; g++) {
            List<String> others = new ArrayList<>(users.subList(1, 10));
            Collections.shuffle(others, random);
            conversations.add(ConversationLog.group(users.get(g % 3), "Group " + g, others.subList(0, 5),
                    start.plusSeconds(100 + g)));
        }
        for (int d = 1; d <= 3; d++) {
            conversations.add(ConversationLog.direct(users.getFirst(), users.get(d), start.plusSeconds(200 + d)));
        }
        for (ConversationLog log : conversations) {
            List<String> members = memberIds(log);
            List<String> sent = new ArrayList<>();
            int count = 160;
            for (int m = 0; m < count; m++) {
                String sender = members.get(random.nextInt(members.size()));
                String id = log.send(sender, "message " + m + " about " + (m % 4 == 0 ? word : "weather"));
                sent.add(id);
                if (m % 7 == 3) {
                    log.edit(id, sender, "message " + m + " edited about " + word);
                    edited.computeIfAbsent(log.id(), key -> new ArrayList<>()).add(id);
                }
                if (m % 3 == 1) {
                    log.react(id, members.get(random.nextInt(members.size())), m % 2 == 0 ? "👍" : "🎉");
                }
                if (m % 11 == 5) {
                    log.deleteForEveryone(id, sender);
                }
                if (m % 13 == 6) {
                    log.hide(id, members.getFirst());
                }
                if (m % 20 == 19) {
                    log.read(members.get(random.nextInt(members.size())), log.lastSeq());
                }
            }
            if (members.size() > 2) {
                log.changeRole(members.get(1), MemberRole.ADMIN, members.getFirst());
                log.remove(members.get(2), members.get(1));
                log.mute(members.get(3), true);
                log.details(null, "topic " + word, members.getFirst());
            }
            Object[] drained = log.drain();
            events += drained.length;
            position = appendTo(ConversationLog.AGGREGATE, log.id(), drained);
        }
        // A deleted account: "Deleted user" in member lists, gone from search.
        position = append(users.get(9), new UserDeletedEvent(users.get(9), start.plusSeconds(900)));
        events++;
        return conversations;
    }

    /** Every read endpoint of query-api, for three callers, over the conversations they are in. */
    private List<Read> reads(List<ConversationLog> conversations, Instant start) {
        Instant filled = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Read> reads = new ArrayList<>();
        for (String viewer : users.subList(0, 3)) {
            String token = token(viewer);
            reads.add(new Read("/api/v1/users/me", token));
            reads.add(new Read("/api/v1/users/" + users.get(4), token));
            reads.add(new Read("/api/v1/users?limit=100&search=Reader", token));
            reads.add(new Read("/api/v1/contacts", token));
            reads.add(new Read("/api/v1/contacts/requests", token));
            reads.add(new Read("/api/v1/conversations?limit=100", token));
            reads.add(new Read("/api/v1/conversations?limit=3", token));
            reads.add(new Read("/api/v1/search/messages?limit=100&q=" + word, token));
            for (ConversationLog log : conversations) {
                String c = "/api/v1/conversations/" + log.id();
                if (!log.members().contains(viewer)) {
                    continue;
                }
                reads.add(new Read(c, token));
                reads.add(new Read(c + "/receipts", token));
                reads.add(new Read(c + "/online", token));
                reads.add(new Read(c + "/messages?limit=100", token));
                reads.add(new Read(c + "/messages?limit=100&beforeSeq=60", token));
                reads.add(new Read(c + "/messages?limit=50&afterSeq=20", token));
                // Events here are stamped when appended: an instant after the last is the conversation as it is.
                reads.add(new Read(c + "/as-of?limit=100&at=" + filled, token));
                for (String message : edited.get(log.id()).subList(0, 3)) {
                    reads.add(new Read(c + "/messages/" + message + "/history", token));
                }
            }
        }
        for (ConversationLog log : conversations.subList(0, 2)) {
            reads.add(new Read("/api/v1/admin/audit?limit=500&conversationId=" + log.id(), admin));
        }
        reads.add(new Read("/api/v1/admin/audit?limit=500&actor=" + users.getFirst(), admin));
        return reads;
    }

    private static List<String> memberIds(ConversationLog log) {
        return log.members();
    }

    private record Read(String path, String token) {
    }
}
