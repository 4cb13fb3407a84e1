package io.parley.query.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.parley.query.inbox.InboxReader;
import io.parley.query.live.UserEventFrames.Welcome;
import io.parley.query.user.UserDirectory;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The {@code welcome} event, once per login session (the token's {@code sid}): the first user-queue subscription of
 * a login claims it by inserting the sid as a document id, which succeeds once across all instances (a duplicate key
 * means another connection had it). What replaces the seeds' "Welcome back" message.
 */
@Component
class Welcomes implements InitializingBean {

    static final String COLLECTION = "welcomed_sessions";
    // Longer than a login stays unused (refresh tokens live 30 days); real MongoDB then drops the claim (TTL index).
    private static final Duration KEPT = Duration.ofDays(90);

    private final MongoTemplate mongo;
    private final UserDirectory users;
    private final InboxReader inbox;
    private final Clock clock = Clock.systemUTC();

    Welcomes(MongoTemplate mongo, UserDirectory users, InboxReader inbox) {
        this.mongo = mongo;
        this.users = users;
        this.inbox = inbox;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("welcomedAt", Sort.Direction.ASC)
                .expire(KEPT).named("welcomed_at_ttl"));
    }

    /** The welcome for this connection, when it is the first of its login session to ask. */
    Optional<Welcome> welcome(LiveSession session) {
        if (session.loginSessionId() == null) {
            return Optional.empty();
        }
        try {
            mongo.insert(new Document("_id", session.loginSessionId()).append("userId", session.userId())
                    .append("welcomedAt", clock.instant()), COLLECTION);
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        String displayName = UserDirectory.displayName(users.find(List.of(session.userId())), session.userId());
        return Optional.of(new Welcome(session.userId(), displayName,
                inbox.conversationsWithUnread(session.userId())));
    }
}
