package io.parley.command.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.command.account.SessionRevoker;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Login sessions and their refresh tokens, stored only as SHA-256 hashes. That a session is active is remembered for
 * {@code parley.security.active-session-cache} (1 s): the check runs on every authenticated request, and a sender's
 * requests come in quick succession. A revocation here forgets its sessions at once and again after its commit, so
 * this instance refuses their tokens from then on; another instance of command-api does within that time.
 */
@Repository
class SessionStore implements SessionRevoker {

    private static final RowMapper<Session> SESSION = (rs, row) -> new Session(
            rs.getString("session_id"),
            rs.getString("user_id"),
            rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
            rs.getObject("revoked_at", OffsetDateTime.class) == null ? null
                    : rs.getObject("revoked_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Cache<String, Boolean> active;

    SessionStore(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.active = Caffeine.newBuilder()
                .expireAfterWrite(properties.activeSessionCache())
                .maximumSize(100_000)
                .ticker(() -> clock.millis() * 1_000_000)
                .build();
    }

    void create(String sessionId, String userId, String refreshTokenHash, Instant expiresAt) {
        OffsetDateTime now = now();
        jdbc.sql("""
                        insert into auth_sessions
                            (session_id, user_id, refresh_token_hash, created_at, refreshed_at, expires_at)
                        values (:sessionId, :userId, :hash, :now, :now, :expiresAt)""")
                .param("sessionId", sessionId)
                .param("userId", userId)
                .param("hash", refreshTokenHash)
                .param("now", now)
                .param("expiresAt", expiresAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<Session> findByRefreshTokenHash(String hash) {
        return jdbc.sql("select * from auth_sessions where refresh_token_hash = :hash")
                .param("hash", hash)
                .query(SESSION)
                .optional();
    }

    Optional<Session> findByRotatedRefreshTokenHash(String hash) {
        return jdbc.sql("""
                        select s.* from auth_rotated_refresh_tokens r
                        join auth_sessions s on s.session_id = r.session_id
                        where r.token_hash = :hash""")
                .param("hash", hash)
                .query(SESSION)
                .optional();
    }

    /**
     * Replaces the session's refresh token if {@code currentHash} is still current (compare and set): of two
     * concurrent refreshes with one token, only one wins; the other then looks like the reuse it is.
     */
    boolean rotate(String sessionId, String currentHash, String nextHash) {
        Boolean rotated = transactions.execute(status -> {
            OffsetDateTime now = now();
            int updated = jdbc.sql("""
                            update auth_sessions set refresh_token_hash = :next, refreshed_at = :now
                            where session_id = :sessionId and refresh_token_hash = :current
                              and revoked_at is null and expires_at > :now""")
                    .param("next", nextHash)
                    .param("now", now)
                    .param("sessionId", sessionId)
                    .param("current", currentHash)
                    .update();
            if (updated == 1) {
                jdbc.sql("""
                                insert into auth_rotated_refresh_tokens (token_hash, session_id, rotated_at)
                                values (:hash, :sessionId, :now)""")
                        .param("hash", currentHash)
                        .param("sessionId", sessionId)
                        .param("now", now)
                        .update();
            }
            return updated == 1;
        });
        return Boolean.TRUE.equals(rotated);
    }

    /** Checked on every authenticated request: remembered when active (see above), else by primary key. */
    boolean isActive(String sessionId, String userId) {
        String key = sessionId + ' ' + userId;
        if (active.getIfPresent(key) != null) {
            return true;
        }
        boolean found = jdbc.sql("""
                        select count(*) from auth_sessions
                        where session_id = :sessionId and user_id = :userId
                          and revoked_at is null and expires_at > :now""")
                .param("sessionId", sessionId)
                .param("userId", userId)
                .param("now", now())
                .query(Long.class)
                .single() > 0;
        if (found) {
            active.put(key, Boolean.TRUE);
        }
        return found;
    }

    /** Forgets the sessions now and once the revoking transaction commits (a check in between may remember them). */
    private List<String> forget(String userId, List<String> revoked) {
        Runnable forget = () -> revoked.forEach(sessionId -> active.invalidate(sessionId + ' ' + userId));
        forget.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget.run();
                }
            });
        }
        return revoked;
    }

    @Override
    public List<String> revoke(String userId, Collection<String> sessionIds) {
        if (sessionIds == null || sessionIds.isEmpty()) {
            return List.of();
        }
        return forget(userId, jdbc.sql("""
                        update auth_sessions set revoked_at = :now
                        where user_id = :userId and session_id in (:sessionIds)
                          and revoked_at is null and expires_at > :now
                        returning session_id""")
                .param("now", now())
                .param("userId", userId)
                .param("sessionIds", List.copyOf(sessionIds))
                .query(String.class)
                .list());
    }

    @Override
    public List<String> revokeAllExcept(String userId, String keptSessionId) {
        return forget(userId, jdbc.sql("""
                        update auth_sessions set revoked_at = :now
                        where user_id = :userId and session_id <> :kept
                          and revoked_at is null and expires_at > :now
                        returning session_id""")
                .param("now", now())
                .param("userId", userId)
                .param("kept", keptSessionId == null ? "" : keptSessionId)
                .query(String.class)
                .list());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    record Session(String sessionId, String userId, Instant expiresAt, Instant revokedAt) {

        boolean isActive(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }
}
