package io.parley.query.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code retention}: how long a revoked session id is kept, longer than the longest access token (15 minutes)
 * plus clock skew. {@code refresh}: how often the in-memory set re-reads MongoDB, which picks up revocations
 * projected by another instance of this service.
 */
@ConfigurationProperties("parley.revoked-sessions")
record RevokedSessionsProperties(@DefaultValue("20m") Duration retention, @DefaultValue("2s") Duration refresh) {
}
