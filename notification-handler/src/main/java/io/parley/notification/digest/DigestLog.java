package io.parley.notification.digest;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * Which digests have been handed to RabbitMQ, by job key ({@code notification_digests}), so a check does not publish
 * a digest again that went out earlier in the period. It only saves work: a digest published twice (two instances
 * checking at once, or a crash between publishing and recording) is still sent once, by the job's idempotency key.
 */
final class DigestLog {

    static final String COLLECTION = "notification_digests";
    private static final Logger log = LoggerFactory.getLogger(DigestLog.class);

    record Digest(@Id String id, String userId, Instant periodStart, Instant publishedAt) {
    }

    private final MongoTemplate mongo;

    DigestLog(MongoTemplate mongo, Duration retention) {
        this.mongo = mongo;
        try {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("publishedAt", Sort.Direction.ASC)
                    .expire(retention).named("forget_published"));
        } catch (DataAccessException e) {
            log.warn("Kept the existing expiry index of {}: {}", COLLECTION, e.getClass().getSimpleName());
        }
    }

    boolean published(String key) {
        return mongo.exists(query(where("_id").is(key)), COLLECTION);
    }

    void record(String key, String userId, Instant periodStart, Instant publishedAt) {
        try {
            mongo.insert(new Digest(key, userId, periodStart, publishedAt), COLLECTION);
        } catch (DuplicateKeyException recordedByAnotherInstance) {
            // the same digest, published by another instance as well; its workers send it once
        }
    }
}
