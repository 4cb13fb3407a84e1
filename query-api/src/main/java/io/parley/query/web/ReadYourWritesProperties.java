package io.parley.query.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a GET with {@code X-Min-Position} may wait for the projections, and how often it looks again at those
 * another instance runs (this instance's own wake it when they commit).
 */
@ConfigurationProperties("parley.read-your-writes")
record ReadYourWritesProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("200ms") Duration recheck) {
}
