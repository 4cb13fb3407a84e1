package io.parley.query.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The revoked session ids still worth checking, in memory because every request asks. Filled by the projection
 * on this instance, by its published changes on every instance ({@link SessionClosings}), and re-read from MongoDB
 * now and then ({@code parley.revoked-sessions.refresh}) for revocations a lost change did not bring.
 */
@Component
class RevokedSessions implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);

    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final RevokedSessionRepository repository;
    private final MongoTemplate mongo;
    private final Clock clock;

    @Autowired
    RevokedSessions(RevokedSessionRepository repository, MongoTemplate mongo) {
        this(repository, mongo, Clock.systemUTC());
    }

    RevokedSessions(RevokedSessionRepository repository, MongoTemplate mongo, Clock clock) {
        this.repository = repository;
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        // expireAfter(0): each document expires at its own expiresAt.
        mongo.indexOps(RevokedSessionDocument.COLLECTION).createIndex(new Index()
                .on(RevokedSessionDocument.EXPIRES_AT, Sort.Direction.ASC)
                .expire(0)
                .named("expires_at_ttl"));
        refresh();
    }

    boolean isRevoked(String sessionId) {
        Instant expiresAt = expiries.get(sessionId);
        if (expiresAt == null) {
            return false;
        }
        if (!expiresAt.isAfter(clock.instant())) {
            expiries.remove(sessionId, expiresAt);
            return false;
        }
        return true;
    }

    void revoked(String sessionId, Instant expiresAt) {
        if (expiresAt.isAfter(clock.instant())) {
            expiries.merge(sessionId, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    @Scheduled(fixedDelayString = "${parley.revoked-sessions.refresh:10s}",
            initialDelayString = "${parley.revoked-sessions.refresh:10s}")
    void refresh() {
        Instant now = clock.instant();
        try {
            repository.findByExpiresAtAfter(now).forEach(session -> revoked(session.id(), session.expiresAt()));
            expiries.values().removeIf(expiresAt -> !expiresAt.isAfter(now));
        } catch (RuntimeException e) {
            log.warn("Could not re-read revoked sessions; keeping the {} known ones", expiries.size(), e);
        }
    }
}
