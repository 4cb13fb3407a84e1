package io.parley.query.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code retention}: how long a revoked session id is kept, longer than the longest access token (15 minutes)
 * plus clock skew. {@code refresh}: how often the in-memory set re-reads MongoDB, a fallback for revocations
 * projected by another instance whose published change did not arrive.
 */
@ConfigurationProperties("parley.revoked-sessions")
record RevokedSessionsProperties(@DefaultValue("20m") Duration retention, @DefaultValue("10s") Duration refresh) {
}
