package io.parley.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.security.ParleyClaims;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.query.live.LiveChanges;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.repository.support.MongoRepositoryFactory;
import org.springframework.security.oauth2.jwt.Jwt;

/** Revoked sessions against the MongoDB wire server, with a clock the test moves. */
class SessionRevocationTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Duration RETENTION = Duration.ofMinutes(20);
    private static MongoClient client;

    private final MutableClock clock = new MutableClock(NOW);
    private MongoTemplate mongo;
    private RevokedSessionRepository repository;
    private RevokedSessions revokedSessions;
    private AnnotationEventHandlerAdapter projection;
    private RevokedSessionValidator validator;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("session_revocation_test"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyReadModel() {
        mongo = new MongoTemplate(client, "session_revocation_test");
        mongo.getCollection(RevokedSessionDocument.COLLECTION).deleteMany(new Document());
        repository = new MongoRepositoryFactory(mongo).getRepository(RevokedSessionRepository.class);
        revokedSessions = new RevokedSessions(repository, mongo, clock);
        revokedSessions.afterPropertiesSet();
        projection = new AnnotationEventHandlerAdapter(new SessionRevocationProjection(mongo, revokedSessions,
                new RevokedSessionsProperties(RETENTION, Duration.ofSeconds(2)), LiveChanges.NONE));
        validator = new RevokedSessionValidator(revokedSessions);
    }

    @Test
    void revokedSessions_areStoredWithAnExpiry_andRejected() throws Exception {
        String sid = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();

        revoke("user-1", NOW, sid, other);

        RevokedSessionDocument stored = repository.findById(sid).orElseThrow();
        assertThat(stored.userId()).isEqualTo("user-1");
        assertThat(stored.revokedAt()).isEqualTo(NOW);
        assertThat(stored.expiresAt()).isEqualTo(NOW.plus(RETENTION));
        assertThat(validator.validate(token(sid)).hasErrors()).isTrue();
        assertThat(validator.validate(token(other)).hasErrors()).isTrue();
        assertThat(validator.validate(token(UUID.randomUUID().toString())).hasErrors()).isFalse();
    }

    @Test
    void aRevocation_appliedTwice_leavesTheSameDocument() throws Exception {
        String sid = UUID.randomUUID().toString();
        revoke("user-2", NOW, sid);
        Document once = mongo.getCollection(RevokedSessionDocument.COLLECTION).find(new Document("_id", sid)).first();

        revoke("user-2", NOW, sid);

        assertThat(mongo.getCollection(RevokedSessionDocument.COLLECTION).countDocuments()).isEqualTo(1);
        assertThat(mongo.getCollection(RevokedSessionDocument.COLLECTION).find(new Document("_id", sid)).first())
                .isEqualTo(once);
    }

    @Test
    void anExpiredRevocation_isIgnored_evenWhenTheStoreStillHoldsIt() throws Exception {
        String sid = UUID.randomUUID().toString();
        revoke("user-3", NOW, sid);

        clock.set(NOW.plus(RETENTION).plusSeconds(1));
        revokedSessions.refresh();

        assertThat(repository.existsById(sid)).isTrue();
        assertThat(revokedSessions.isRevoked(sid)).isFalse();
        assertThat(validator.validate(token(sid)).hasErrors()).isFalse();
    }

    @Test
    void aReplayedOldRevocation_doesNotRejectAnything() throws Exception {
        String sid = UUID.randomUUID().toString();

        revoke("user-4", NOW.minus(Duration.ofDays(3)), sid);

        assertThat(revokedSessions.isRevoked(sid)).isFalse();
    }

    @Test
    void refresh_picksUpRevocationsAnotherInstanceProjected() {
        String sid = UUID.randomUUID().toString();
        repository.save(new RevokedSessionDocument(sid, "user-5", NOW, NOW.plus(RETENTION)));
        assertThat(revokedSessions.isRevoked(sid)).isFalse();

        revokedSessions.refresh();

        assertThat(revokedSessions.isRevoked(sid)).isTrue();
    }

    @Test
    void startup_loadsTheRevocationsThatAreStillValid() {
        String valid = UUID.randomUUID().toString();
        String expired = UUID.randomUUID().toString();
        repository.save(new RevokedSessionDocument(valid, "user-6", NOW, NOW.plus(RETENTION)));
        repository.save(new RevokedSessionDocument(expired, "user-6", NOW.minus(RETENTION), NOW.minusSeconds(1)));

        RevokedSessions restarted = new RevokedSessions(repository, mongo, clock);
        restarted.afterPropertiesSet();

        assertThat(restarted.isRevoked(valid)).isTrue();
        assertThat(restarted.isRevoked(expired)).isFalse();
    }

    @Test
    void aTokenWithoutSession_isRejected() {
        Jwt withoutSid = Jwt.withTokenValue("t").header("alg", "RS256").subject("user-7").build();

        assertThat(validator.validate(withoutSid).hasErrors()).isTrue();
    }

    private void revoke(String userId, Instant at, String... sessionIds) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("User", userId, 5,
                new SessionsRevokedEvent(userId, List.of(sessionIds), RevocationReason.LOGOUT, at)));
    }

    private static Jwt token(String sessionId) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("user").claim(ParleyClaims.SESSION_ID, sessionId)
                .build();
    }

    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
