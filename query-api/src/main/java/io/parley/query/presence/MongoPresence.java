package io.parley.query.presence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Presence shared by every instance, in MongoDB: one document per user,
 * {@code {_id: userId, connections: [{id, instanceId, since}], lastSeenAt}}. Each socket is pushed and pulled by one
 * atomic find-and-modify, whose before (or after) image says whether this very change took the user from no socket
 * to one (online) or from one to none (offline), so each transition is seen, and published, exactly once, whichever
 * instances race. Nothing relies on transactions or TTL indexes.
 * <p>
 * Sockets of an instance that died without closing them are removed by {@link #sweep} once its lease expired
 * ({@link InstanceLeases}); {@code since} (renewed by {@link #reaffirm}) keeps a sweep from removing sockets an
 * instance registered again after it was presumed dead.
 */
class MongoPresence implements Presence {

    static final String COLLECTION = "presence";
    static final String CONNECTIONS = "connections";
    static final String LAST_SEEN_AT = "lastSeenAt";
    static final String CONNECTION_ID = "id";
    static final String INSTANCE_ID = "instanceId";
    static final String SINCE = "since";

    private final MongoTemplate mongo;
    private final Consumer<PresenceChange> publisher;
    private final String instanceId;
    private final Clock clock;
    /** This instance's open sockets: connection id to user id. */
    private final Map<String, String> local = new ConcurrentHashMap<>();

    /** {@code publisher}: where each transition goes, once ({@link PresenceBus#publish}). */
    MongoPresence(MongoTemplate mongo, Consumer<PresenceChange> publisher, String instanceId, Clock clock) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    String instanceId() {
        return instanceId;
    }

    @Override
    public void connected(String userId, String connectionId) {
        // Registered under the map's lock for this socket: a close reported meanwhile waits, then removes it.
        local.compute(connectionId, (id, previous) -> {
            register(userId, id, clock.instant());
            return userId;
        });
    }

    @Override
    public void disconnected(String userId, String connectionId) {
        local.remove(connectionId, userId);
        Instant now = clock.instant();
        Document after = mongo.findAndModify(
                query(where("_id").is(userId).and(CONNECTIONS + "." + CONNECTION_ID).is(connectionId)),
                new Update().pull(CONNECTIONS, new Document(CONNECTION_ID, connectionId))
                        .max(LAST_SEEN_AT, Date.from(now)),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        if (after != null && connections(after).isEmpty()) {
            publisher.accept(new PresenceChange(userId, false, lastSeenAt(after, now), now));
        }
    }

    private void register(String userId, String connectionId, Instant now) {
        Document entry = new Document(CONNECTION_ID, connectionId).append(INSTANCE_ID, instanceId)
                .append(SINCE, Date.from(now));
        while (true) {
            Document before = mongo.findAndModify(
                    query(where("_id").is(userId).and(CONNECTIONS + "." + CONNECTION_ID).ne(connectionId)),
                    new Update().push(CONNECTIONS, entry),
                    FindAndModifyOptions.options().returnNew(false), Document.class, COLLECTION);
            if (before != null) {
                if (connections(before).isEmpty()) {
                    publisher.accept(new PresenceChange(userId, true, null, now));
                }
                return;
            }
            if (mongo.exists(query(where("_id").is(userId)), COLLECTION)) {
                return; // this socket is registered already
            }
            try {
                mongo.insert(new Document("_id", userId).append(CONNECTIONS, List.of(entry)), COLLECTION);
                publisher.accept(new PresenceChange(userId, true, null, now));
                return;
            } catch (DuplicateKeyException e) {
                // another socket of the user created the document first: push onto it
            }
        }
    }

    /**
     * Registers this instance's sockets again, after its lease was found expired (a long pause): sockets still in
     * presence get a new {@code since}, so a sweep running now leaves them alone; sockets already swept come back
     * (and their users online again).
     */
    void reaffirm() {
        Instant now = clock.instant();
        // Each under the map's lock for its socket, so a socket closing meanwhile is not registered again after.
        local.keySet().forEach(socket -> local.computeIfPresent(socket, (connectionId, userId) -> {
            long matched = mongo.updateFirst(
                    query(where("_id").is(userId).and(CONNECTIONS + "." + CONNECTION_ID).is(connectionId)),
                    new Update().set(CONNECTIONS + ".$." + SINCE, Date.from(now))
                            .set(CONNECTIONS + ".$." + INSTANCE_ID, instanceId),
                    COLLECTION).getMatchedCount();
            if (matched == 0) {
                register(userId, connectionId, now);
            }
            return userId;
        }));
    }

    /**
     * Removes the sockets {@code instance} registered up to {@code expiry} (its lease's end, or now for this
     * instance at shutdown); users left without a socket go offline, last seen then. Safe to run on several
     * instances at once: each socket is pulled by one of them, and each user goes offline once.
     */
    void sweep(String instance, Instant expiry) {
        Criteria theirs = where(INSTANCE_ID).is(instance).and(SINCE).lte(Date.from(expiry));
        Query affected = query(where(CONNECTIONS).elemMatch(theirs));
        affected.fields().include("_id");
        List<String> userIds = mongo.find(affected, Document.class, COLLECTION).stream()
                .map(document -> document.getString("_id"))
                .toList();
        Instant now = clock.instant();
        for (String userId : userIds) {
            Document after = mongo.findAndModify(
                    query(where("_id").is(userId).and(CONNECTIONS).elemMatch(theirs)),
                    new Update().pull(CONNECTIONS, new Document(INSTANCE_ID, instance)
                                    .append(SINCE, new Document("$lte", Date.from(expiry))))
                            .max(LAST_SEEN_AT, Date.from(expiry)),
                    FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
            if (after != null && connections(after).isEmpty()) {
                publisher.accept(new PresenceChange(userId, false, lastSeenAt(after, expiry), now));
            }
        }
    }

    /** The instances that hold sockets in presence. */
    List<String> instancesWithSockets() {
        return mongo.findDistinct(new Query(), CONNECTIONS + "." + INSTANCE_ID, COLLECTION, String.class);
    }

    /** At shutdown: closes this instance's sockets in presence (their users go offline unless connected elsewhere). */
    void leave() {
        local.forEach((connectionId, userId) -> disconnected(userId, connectionId));
        sweep(instanceId, clock.instant());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> connections(Document document) {
        Object connections = document.get(CONNECTIONS);
        return connections instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static Instant lastSeenAt(Document document, Instant fallback) {
        Date lastSeen = document.getDate(LAST_SEEN_AT);
        return lastSeen == null ? fallback : lastSeen.toInstant();
    }
}
