package io.parley.notification.presence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Presence per user. A user without a record has never been seen online by query-api: offline. */
@Component
public class PresenceDirectory {

    private final MongoTemplate mongo;

    PresenceDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Which of the users are online now. */
    public Set<String> online(Collection<String> userIds) {
        return mongo.find(query(where("_id").in(userIds).and(PresenceDocument.ONLINE).is(true)), PresenceDocument.class)
                .stream()
                .map(PresenceDocument::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Applies a change unless a later one was applied already (changes may arrive out of order). */
    void apply(PresenceChange change) {
        Update update = new Update()
                .set(PresenceDocument.ONLINE, change.online())
                .set(PresenceDocument.LAST_SEEN_AT, change.lastSeenAt())
                .set(PresenceDocument.CHANGED_AT, change.changedAt());
        try {
            mongo.upsert(query(where("_id").is(change.userId()).and(PresenceDocument.CHANGED_AT).lt(change.changedAt())),
                    update, PresenceDocument.class);
        } catch (DuplicateKeyException laterChangeApplied) {
            // the user's record holds a later (or the same) change
        }
    }
}
