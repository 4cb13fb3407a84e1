package io.parley.query.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.query.support.Race;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** Presence documents and their transitions against the MongoDB wire server (no transactions, no TTL). */
class MongoPresenceTest {

    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private static MongoClient client;

    private final List<PresenceChange> changes = new CopyOnWriteArrayList<>();
    private MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("presence_test"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void empty() {
        mongo = new MongoTemplate(client, "presence_test");
        mongo.dropCollection(MongoPresence.COLLECTION);
        new PresenceIndexes(mongo).afterPropertiesSet();
    }

    private MongoPresence instance(String instanceId, Instant now) {
        return new MongoPresence(mongo, changes::add, instanceId, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void firstSocketAnywhere_isOnline_lastOneClosed_isOffline_eachOnce_howeverTheyRace() throws Exception {
        MongoPresence a = instance("a", T0);
        MongoPresence b = instance("b", T0.plusSeconds(1));
        List<String> sockets = IntStream.range(0, 8).mapToObj(i -> "s" + i).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String userId = UUID.randomUUID().toString();
                Race.all(threads, sockets, socket -> (socket.hashCode() % 2 == 0 ? a : b).connected(userId, socket));
                Race.all(threads, sockets, socket -> (socket.hashCode() % 2 == 0 ? a : b).connected(userId, socket));
                Race.all(threads, sockets, socket -> (socket.hashCode() % 2 == 0 ? b : a).disconnected(userId, socket));

                assertThat(changes.stream().filter(change -> change.userId().equals(userId)))
                        .extracting(PresenceChange::online).containsExactly(true, false);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void offline_carriesTheTimeTheLastSocketClosed_andUnknownSocketsChangeNothing() {
        String userId = UUID.randomUUID().toString();
        instance("a", T0).connected(userId, "s1");
        instance("b", T0.plusSeconds(5)).connected(userId, "s2");
        instance("a", T0.plusSeconds(10)).disconnected(userId, "s1");
        instance("a", T0.plusSeconds(11)).disconnected(userId, "nope");
        instance("b", T0.plusSeconds(20)).disconnected(userId, "s2");
        instance("b", T0.plusSeconds(30)).disconnected(userId, "s2");

        assertThat(changes).containsExactly(new PresenceChange(userId, true, null, T0),
                new PresenceChange(userId, false, T0.plusSeconds(20), T0.plusSeconds(20)));
        assertThat(new OnlineStatus(mongo).of(userId)).isEqualTo(new OnlineStatus.Status(false, T0.plusSeconds(20)));
    }

    @Test
    void sweep_removesTheDeadInstancesSockets_once_usersAlsoConnectedElsewhereStayOnline() {
        String onlyDead = UUID.randomUUID().toString();
        String both = UUID.randomUUID().toString();
        MongoPresence dead = instance("dead", T0);
        dead.connected(onlyDead, "d1");
        dead.connected(onlyDead, "d2");
        dead.connected(both, "d3");
        instance("alive", T0.plusSeconds(1)).connected(both, "a1");
        changes.clear();
        Instant expiry = T0.plusSeconds(15);

        instance("alive", T0.plusSeconds(20)).sweep("dead", expiry);
        instance("other", T0.plusSeconds(20)).sweep("dead", expiry);

        assertThat(changes).containsExactly(new PresenceChange(onlyDead, false, expiry, T0.plusSeconds(20)));
        OnlineStatus status = new OnlineStatus(mongo);
        assertThat(status.of(onlyDead)).isEqualTo(new OnlineStatus.Status(false, expiry));
        assertThat(status.of(both).online()).isTrue();
    }

    @Test
    void anInstanceBackFromTheDead_reaffirmsItsSockets_soALateSweepLeavesThemAlone() {
        String userId = UUID.randomUUID().toString();
        String gone = UUID.randomUUID().toString();
        MongoPresence paused = instance("paused", T0);
        paused.connected(userId, "p1");
        paused.connected(gone, "p2");
        paused.disconnected(gone, "p2");
        instance("alive", T0.plusSeconds(16)).sweep("paused", T0.plusSeconds(15)); // swept once while it was paused
        changes.clear();
        MongoPresence resumed = instance("paused", T0.plusSeconds(17));
        resumed.connected(userId, "p3");
        instance("paused", T0.plusSeconds(1)).connected(userId, "p1");

        resumed.reaffirm();
        instance("alive", T0.plusSeconds(18)).sweep("paused", T0.plusSeconds(15));

        assertThat(new OnlineStatus(mongo).of(userId).online()).isTrue();
        assertThat(changes).containsExactly(new PresenceChange(userId, true, null, T0.plusSeconds(17)));
    }

    @Test
    void heartbeat_sweepsExpiredLeases_andLeaselessSocketsOlderThanALease_butNotLiveInstances() {
        String crashedUser = UUID.randomUUID().toString();
        String leaselessUser = UUID.randomUUID().toString();
        String youngLeaselessUser = UUID.randomUUID().toString();
        String liveUser = UUID.randomUUID().toString();
        mongo.dropCollection(InstanceLeases.COLLECTION);
        PresenceProperties properties = new PresenceProperties(Duration.ofSeconds(15), Duration.ofSeconds(5));
        Instant now = T0.plusSeconds(60);
        MongoPresence crashed = instance("crashed", T0);
        crashed.connected(crashedUser, "c1");
        new InstanceLeases(mongo, crashed, properties, Clock.fixed(T0, ZoneOffset.UTC)).renew();
        instance("leaseless", T0).connected(leaselessUser, "l1");
        instance("young", now.minusSeconds(3)).connected(youngLeaselessUser, "y1");
        MongoPresence live = instance("live", T0);
        live.connected(liveUser, "v1");
        new InstanceLeases(mongo, live, properties, Clock.fixed(now.minusSeconds(1), ZoneOffset.UTC)).renew();
        changes.clear();

        new InstanceLeases(mongo, instance("sweeper", now), properties, Clock.fixed(now, ZoneOffset.UTC))
                .sweepExpired();

        assertThat(changes).containsExactlyInAnyOrder(
                new PresenceChange(crashedUser, false, T0.plusSeconds(15), now),
                new PresenceChange(leaselessUser, false, now.minusSeconds(15), now));
        OnlineStatus status = new OnlineStatus(mongo);
        assertThat(status.of(youngLeaselessUser).online()).isTrue();
        assertThat(status.of(liveUser).online()).isTrue();
        assertThat(mongo.findDistinct(new Query(), "_id", InstanceLeases.COLLECTION, String.class))
                .containsExactly("live");
    }

    @Test
    void anInstanceRestartedUnderTheSameId_sweepsTheSocketsOfItsPreviousRun_once() {
        String userId = UUID.randomUUID().toString();
        mongo.dropCollection(InstanceLeases.COLLECTION);
        PresenceProperties properties = new PresenceProperties(Duration.ofSeconds(15), Duration.ofSeconds(5));
        MongoPresence firstRun = instance("pod-1", T0);
        new InstanceLeases(mongo, firstRun, properties, Clock.fixed(T0, ZoneOffset.UTC)).renew();
        firstRun.connected(userId, "s1");
        changes.clear();

        Instant restart = T0.plusSeconds(8);
        InstanceLeases secondRun = new InstanceLeases(mongo, instance("pod-1", restart), properties,
                Clock.fixed(restart, ZoneOffset.UTC));
        secondRun.renew();
        secondRun.renew();

        assertThat(changes).containsExactly(new PresenceChange(userId, false, restart, restart));
    }

    @Test
    void leave_takesThisInstancesSocketsOut() {
        String userId = UUID.randomUUID().toString();
        MongoPresence a = instance("a", T0);
        a.connected(userId, "s1");
        a.connected(userId, "s2");

        a.leave();

        assertThat(changes).extracting(PresenceChange::online).containsExactly(true, false);
        assertThat(new OnlineStatus(mongo).of(userId).online()).isFalse();
        assertThat(new OnlineStatus(mongo).of("never-seen")).isEqualTo(new OnlineStatus.Status(false, null));
    }
}
