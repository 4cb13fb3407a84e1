package io.parley.query.presence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Who is online now, for the REST reads: a user is online while presence holds at least one of their sockets. */
@Component
public class OnlineStatus {

    private static final Status NEVER_SEEN = new Status(false, null);

    private final MongoTemplate mongo;

    public OnlineStatus(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Online, or offline and last seen then ({@code null}: never connected, or not since presence was kept). */
    public record Status(boolean online, Instant lastSeenAt) {
    }

    public Status of(String userId) {
        return of(List.of(userId)).get(userId);
    }

    /** A status for every id asked for. */
    public Map<String, Status> of(Collection<String> userIds) {
        Map<String, Status> statuses = new HashMap<>();
        if (!userIds.isEmpty()) {
            mongo.find(query(where("_id").in(userIds)), Document.class, MongoPresence.COLLECTION)
                    .forEach(document -> statuses.put(document.getString("_id"), status(document)));
        }
        userIds.forEach(userId -> statuses.putIfAbsent(userId, NEVER_SEEN));
        return statuses;
    }

    private static Status status(Document document) {
        List<?> connections = document.getList(MongoPresence.CONNECTIONS, Object.class);
        if (connections != null && !connections.isEmpty()) {
            return new Status(true, null);
        }
        Date lastSeen = document.getDate(MongoPresence.LAST_SEEN_AT);
        return new Status(false, lastSeen == null ? null : lastSeen.toInstant());
    }
}
