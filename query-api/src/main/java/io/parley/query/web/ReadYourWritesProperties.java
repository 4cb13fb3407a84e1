package io.parley.query.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a GET with {@code X-Min-Position} may wait for the projections, how often it looks again at those
 * another instance runs (this instance's own wake it when they commit), and after how long a gap in the event
 * store's index no longer holds reads back ({@link SettledGaps}).
 */
@ConfigurationProperties("parley.read-your-writes")
record ReadYourWritesProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("200ms") Duration recheck,
                                @DefaultValue("3s") Duration gapTimeout) {
}
