package io.parley.query.presence;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.parley.kernel.contact.ContactIds;
import io.parley.kernel.contact.ContactRequestAcceptedEvent;
import io.parley.kernel.contact.ContactRequestedEvent;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.Race;
import io.parley.query.support.StompTestClient;
import io.parley.query.support.TestFanout;
import io.parley.query.support.TestFanout.Tap;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * Presence in MongoDB with transitions on the real RabbitMQ presence exchange. Sockets are reported to
 * {@link Presence} directly, as the STOMP session lifecycle reports them.
 */
class PresenceIT extends QueryApiIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(700);

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    private Presence presence;

    @Autowired
    private PresenceBus bus;

    @Autowired
    private MongoTemplate mongo;

    private Tap tap;

    @BeforeEach
    void listen() {
        tap = TestFanout.tap("presence");
    }

    @AfterEach
    void stopListening() throws Exception {
        tap.close();
    }

    @Test
    void eachTransition_isPublishedOnce_whileSeveralSocketsOfOneUserOpenAndCloseAtOnce() throws Exception {
        String userId = registeredUser("Sam Sockets");
        List<String> sockets = IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID().toString()).toList();
        ExecutorService threads = Executors.newFixedThreadPool(sockets.size());
        try {
            for (int round = 1; round <= 3; round++) {
                Race.all(threads, sockets, socket -> presence.connected(userId, socket));
                // A repeated report changes nothing.
                Race.all(threads, sockets, socket -> presence.connected(userId, socket));
                assertThat(get("/api/v1/users/" + userId, token(userId)).json().path("online").asBoolean()).isTrue();

                Race.all(threads, sockets, socket -> presence.disconnected(userId, socket));
                int transitions = round * 2;
                await().atMost(WAIT).until(() -> tap.where("userId", userId).size() >= transitions
                        && presenceRecorder.of(userId).size() >= transitions);
            }
        } finally {
            threads.shutdownNow();
        }
        await().during(QUIET).atMost(WAIT).until(() -> tap.where("userId", userId).size() == 6);
        List<JsonNode> published = tap.where("userId", userId);
        assertThat(published).extracting(message -> message.path("online").asBoolean())
                .containsExactly(true, false, true, false, true, false);
        assertThat(presenceRecorder.of(userId)).extracting(PresenceChange::online)
                .containsExactly(true, false, true, false, true, false);
        JsonNode online = published.get(0);
        assertThat(online.path("lastSeenAt").isNull()).isTrue();
        assertThat(online.path("instanceId").asString()).isNotBlank();
        assertThat(Instant.parse(online.path("changedAt").asString())).isAfterOrEqualTo(start);
        JsonNode offline = published.get(5);
        Instant lastSeenAt = Instant.parse(offline.path("lastSeenAt").asString());
        assertThat(lastSeenAt).isAfterOrEqualTo(start);
        assertThat(tap.all().getFirst().properties().getContentType()).isEqualTo("application/json");
        assertThat(tap.all().getFirst().properties().getDeliveryMode()).isEqualTo(2);

        JsonNode profile = get("/api/v1/users/" + userId, token(userId)).json();
        assertThat(profile.path("online").asBoolean()).isFalse();
        assertThat(Instant.parse(profile.path("lastSeenAt").asString())).isEqualTo(lastSeenAt);
    }

    @Test
    void aClosedSocketOfAnUnknownUserOrId_changesNothing() {
        String userId = registeredUser("Una Known");
        presence.connected(userId, "socket-1");

        presence.disconnected(userId, "socket-never-opened");
        presence.disconnected(registeredUser("Someone Else"), "socket-1");

        assertThat(get("/api/v1/users/" + userId, token(userId)).json().path("online").asBoolean()).isTrue();
        await().during(QUIET).atMost(WAIT).until(() -> tap.where("userId", userId).size() == 1);
        presence.disconnected(userId, "socket-1");
        await().atMost(WAIT).until(() -> tap.where("userId", userId).size() == 2);
    }

    @Test
    void theSocketsOfAnInstanceWhoseLeaseExpired_areSwept_andItsUsersGoOffline_lastSeenAtTheLeaseEnd() {
        String onlyThere = registeredUser("Olive Crashed");
        String alsoHere = registeredUser("Hugo Elsewhere");
        String crashedId = "crashed-" + UUID.randomUUID();
        // Another instance, with a lease of its own, registered its sockets ten seconds ago...
        Clock then = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-10));
        MongoPresence crashed = new MongoPresence(mongo, bus::publish, crashedId, then);
        mongo.insert(new Document("_id", crashedId)
                        .append(InstanceLeases.EXPIRES_AT, Date.from(Instant.now().plusSeconds(60))),
                InstanceLeases.COLLECTION);
        crashed.connected(onlyThere, "crashed-socket-1");
        crashed.connected(onlyThere, "crashed-socket-2");
        crashed.connected(alsoHere, "crashed-socket-3");
        presence.connected(alsoHere, "live-socket-1");
        await().atMost(WAIT).until(() -> tap.where("userId", onlyThere).size() == 1);

        // ...then crashed: its lease was last renewed until a moment ago.
        Instant expiry = Instant.now().minusMillis(200).truncatedTo(ChronoUnit.MILLIS);
        mongo.updateFirst(query(where("_id").is(crashedId)), new Update()
                .set(InstanceLeases.EXPIRES_AT, Date.from(expiry))
                .set(InstanceLeases.RENEWED_AT, Date.from(expiry.minusSeconds(5))), InstanceLeases.COLLECTION);

        await().atMost(WAIT).until(() -> tap.where("userId", onlyThere).size() == 2);
        JsonNode offline = tap.where("userId", onlyThere).get(1);
        assertThat(offline.path("online").asBoolean()).isFalse();
        assertThat(Instant.parse(offline.path("lastSeenAt").asString())).isEqualTo(expiry);
        JsonNode profile = get("/api/v1/users/" + onlyThere, token(onlyThere)).json();
        assertThat(profile.path("online").asBoolean()).isFalse();
        assertThat(Instant.parse(profile.path("lastSeenAt").asString())).isEqualTo(expiry);

        await().atMost(WAIT).until(() -> !mongo.exists(query(where("_id").is(crashedId)), InstanceLeases.COLLECTION));
        assertThat(get("/api/v1/users/" + alsoHere, token(alsoHere)).json().path("online").asBoolean()).isTrue();
        assertThat(tap.where("userId", alsoHere)).hasSize(1);
        Document hugo = mongo.findById(alsoHere, Document.class, MongoPresence.COLLECTION);
        assertThat(hugo.getList(MongoPresence.CONNECTIONS, Document.class))
                .extracting(connection -> connection.getString(MongoPresence.CONNECTION_ID))
                .containsExactly("live-socket-1");
        presence.disconnected(alsoHere, "live-socket-1");
    }

    @Test
    void usersAndContacts_showWhoIsOnline() {
        String me = registeredUser("Mona Mine");
        String friend = registeredUser("Fred Friend");
        String other = registeredUser("Otto Other");
        long position = appendTo("Contact", ContactIds.pair(me, friend),
                new ContactRequestedEvent(ContactIds.pair(me, friend), friend, me, start),
                new ContactRequestAcceptedEvent(ContactIds.pair(me, friend), friend, me, start.plusSeconds(1)));
        position = Math.max(position, appendTo("Contact", ContactIds.pair(me, other),
                new ContactRequestedEvent(ContactIds.pair(me, other), other, me, start),
                new ContactRequestAcceptedEvent(ContactIds.pair(me, other), other, me, start.plusSeconds(1))));
        String socket = UUID.randomUUID().toString();

        presence.connected(friend, socket);

        JsonNode contacts = getAtPosition("/api/v1/contacts", token(me), position).json().path("items");
        assertThat(contacts.valueStream().map(c -> c.path("userId").asString() + "=" + c.path("online").asBoolean()))
                .containsExactly(friend + "=true", other + "=false");
        JsonNode friendProfile = get("/api/v1/users/" + friend, token(me)).json();
        assertThat(friendProfile.path("online").asBoolean()).isTrue();
        assertThat(friendProfile.path("lastSeenAt").isNull()).isTrue();
        JsonNode otherProfile = get("/api/v1/users/" + other, token(me)).json();
        assertThat(otherProfile.path("online").asBoolean()).isFalse();
        assertThat(otherProfile.path("lastSeenAt").isNull()).isTrue();

        presence.disconnected(friend, socket);

        assertThat(get("/api/v1/contacts", token(me)).json().path("items").get(0).path("online").asBoolean()).isFalse();
        assertThat(get("/api/v1/users/" + friend, token(me)).json().path("lastSeenAt").asString()).isNotBlank();
    }

    @Test
    void aRealStompConnection_makesItsUserOnlineForContactsAndProfiles_untilItCloses() {
        String me = registeredUser("Stella Stomp");
        String friend = registeredUser("Carl Contact");
        long position = appendTo("Contact", ContactIds.pair(me, friend),
                new ContactRequestedEvent(ContactIds.pair(me, friend), friend, me, start),
                new ContactRequestAcceptedEvent(ContactIds.pair(me, friend), friend, me, start.plusSeconds(1)));

        try (StompTestClient.Connection socket = StompTestClient.connect(port(), token(me))) {
            await().atMost(WAIT).until(() -> get("/api/v1/users/" + me, token(friend)).json().path("online")
                    .asBoolean());
            JsonNode contacts = getAtPosition("/api/v1/contacts", token(friend), position).json().path("items");
            assertThat(contacts.get(0).path("userId").asString()).isEqualTo(me);
            assertThat(contacts.get(0).path("online").asBoolean()).isTrue();
        }

        await().atMost(WAIT).until(() -> !get("/api/v1/users/" + me, token(friend)).json().path("online")
                .asBoolean());
        assertThat(get("/api/v1/users/" + me, token(friend)).json().path("lastSeenAt").asString()).isNotBlank();
        assertThat(get("/api/v1/contacts", token(friend)).json().path("items").get(0).path("online").asBoolean())
                .isFalse();
        await().atMost(WAIT).until(() -> tap.where("userId", me).size() == 2);
        assertThat(tap.where("userId", me)).extracting(message -> message.path("online").asBoolean())
                .containsExactly(true, false);
    }

    @Test
    void onlineMembers_listsTheConnectedMembersByName_forMembersOnly() {
        String owner = registeredUser("Zoe Owner");
        String online = registeredUser("Adam Online");
        String offline = registeredUser("Bert Offline");
        String outsider = registeredUser("Nina Outsider");
        ConversationLog group = ConversationLog.group(owner, "Who is here", List.of(online, offline), start);
        long position = appendTo(ConversationLog.AGGREGATE, group.id(), group.drain());
        presence.connected(online, "adam-phone");
        presence.connected(online, "adam-laptop");
        presence.connected(owner, "zoe-phone");
        presence.connected(outsider, "nina-phone");

        var answer = getAtPosition("/api/v1/conversations/" + group.id() + "/online", token(offline), position);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("items").valueStream()
                .map(item -> item.path("userId").asString() + "/" + item.path("displayName").asString()))
                .containsExactly(online + "/Adam Online", owner + "/Zoe Owner");

        var refused = get("/api/v1/conversations/" + group.id() + "/online", token(outsider));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(refused.json().path("detail").asString()).isEqualTo("No conversation " + group.id());
        var unknown = get("/api/v1/conversations/no-such-conversation/online", token(outsider));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(get("/api/v1/conversations/" + group.id() + "/online", null).status()).isEqualTo(401);

        presence.disconnected(online, "adam-phone");
        presence.disconnected(online, "adam-laptop");
        presence.disconnected(owner, "zoe-phone");
        presence.disconnected(outsider, "nina-phone");
        assertThat(get("/api/v1/conversations/" + group.id() + "/online", token(offline)).json().path("items"))
                .isEmpty();
    }
}
