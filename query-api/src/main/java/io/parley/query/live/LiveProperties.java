package io.parley.query.live;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and timings of the STOMP endpoint. Frames over {@code frameSizeLimit}, more frames per second than
 * {@code framesPerSecond} (bursts of {@code frameBurst}), more typing signals than {@code typingPerSecond} or more
 * than {@code maxSubscriptionsPerSession} subscriptions get that session an ERROR frame (which closes it).
 * A message stream catches up in pages of {@code backlogPageSize}, at most {@code backlogLimit} messages.
 */
@ConfigurationProperties("parley.live")
record LiveProperties(@DefaultValue("8KB") DataSize frameSizeLimit,
                      @DefaultValue("10s") Duration heartbeat,
                      @DefaultValue("100") int maxSubscriptionsPerSession,
                      @DefaultValue("20") double framesPerSecond,
                      @DefaultValue("40") int frameBurst,
                      @DefaultValue("5") double typingPerSecond,
                      @DefaultValue("5") int typingBurst,
                      @DefaultValue("200") int backlogPageSize,
                      @DefaultValue("10000") int backlogLimit,
                      @DefaultValue("*") List<String> allowedOriginPatterns) {
}
