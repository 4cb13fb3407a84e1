package io.parley.notification.job;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The idempotency log: one document per job key in {@code notification_deliveries}, unique by {@code _id}.
 * <p>
 * A worker first <em>claims</em> the key (insert, state SENDING), then sends, then marks it DONE, and only then
 * acknowledges the message. A second delivery of the key finds DONE and is acknowledged without sending; one that
 * finds a fresh SENDING claim (another worker is sending right now) is retried later. A SENDING claim older than
 * the claim timeout is what a crashed worker leaves behind: it is taken over and the job is sent again. That is the
 * one window in which a notification can go out twice (the worker died after the SMTP server accepted the mail but
 * before DONE was written); it can never be lost, and both copies carry the same Message-ID.
 */
final class Deliveries {

    static final String COLLECTION = "notification_deliveries";
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    private static final String SENDING = "SENDING";
    private static final String DONE = "DONE";

    /** What a worker may do with a job. */
    sealed interface Claim {
    }

    /** This worker owns the key until it marks it done or releases it. */
    record Claimed(String token) implements Claim {
    }

    /** The job was sent (or dropped) already. */
    record AlreadyDone() implements Claim {
    }

    /** Another worker is sending it right now. */
    record Busy() implements Claim {
    }

    record Delivery(@Id String id, String state, String token, String channel, Instant claimedAt, Instant doneAt,
                    String outcome) {
    }

    private final MongoTemplate mongo;
    private final Duration claimTimeout;

    Deliveries(MongoTemplate mongo, Duration claimTimeout, Duration retention) {
        this.mongo = mongo;
        this.claimTimeout = claimTimeout;
        try {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("doneAt", Sort.Direction.ASC)
                    .expire(retention).named("forget_done"));
        } catch (DataAccessException e) {
            // An index with another expiry exists: it keeps working; dropping it lets the new retention apply.
            log.warn("Kept the existing expiry index of {}: {}", COLLECTION, e.getClass().getSimpleName());
        }
    }

    Claim claim(String key, NotificationChannel channel) {
        for (int tries = 0; tries < 3; tries++) {
            String token = UUID.randomUUID().toString();
            Instant now = Instant.now();
            try {
                mongo.insert(new Delivery(key, SENDING, token, channel.key(), now, null, null), COLLECTION);
                return new Claimed(token);
            } catch (DuplicateKeyException taken) {
                Delivery existing = mongo.findById(key, Delivery.class, COLLECTION);
                if (existing == null) {
                    continue; // released in between: claim again
                }
                if (DONE.equals(existing.state())) {
                    return new AlreadyDone();
                }
                if (existing.claimedAt() != null && existing.claimedAt().plus(claimTimeout).isAfter(now)) {
                    return new Busy();
                }
                long takenOver = mongo.updateFirst(
                        query(where("_id").is(key).and("state").is(SENDING).and("token").is(existing.token())),
                        new Update().set("token", token).set("claimedAt", now), COLLECTION).getModifiedCount();
                if (takenOver == 1) {
                    log.warn("Took over job {}: the worker that claimed it at {} never finished; it is sent again",
                            key, existing.claimedAt());
                    return new Claimed(token);
                }
            }
        }
        return new Busy();
    }

    void done(String key, String token, JobHandler.Outcome outcome) {
        mongo.updateFirst(query(where("_id").is(key).and("token").is(token)),
                new Update().set("state", DONE).set("doneAt", Instant.now()).set("outcome", outcome.name()),
                COLLECTION);
    }

    /** Gives the key back after a failed attempt, so the retry can claim it. */
    void release(String key, String token) {
        mongo.remove(query(where("_id").is(key).and("state").is(SENDING).and("token").is(token)), COLLECTION);
    }
}
