package io.parley.query.session;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A session whose access tokens are no longer accepted. Kept until {@code expiresAt}, when every token it
 * issued has expired anyway; real MongoDB deletes it then (TTL index), and readers ignore it past that time
 * (the wire server used in development never expires anything).
 */
@Document(RevokedSessionDocument.COLLECTION)
record RevokedSessionDocument(@Id String id, String userId, Instant revokedAt, Instant expiresAt) {

    static final String COLLECTION = "revoked_sessions";
    static final String USER_ID = "userId";
    static final String REVOKED_AT = "revokedAt";
    static final String EXPIRES_AT = "expiresAt";
}
