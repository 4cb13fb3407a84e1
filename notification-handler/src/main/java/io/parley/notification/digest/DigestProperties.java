package io.parley.notification.digest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled          whether this instance looks for digests to send
 * @param delay            how long a message must have been unread before it is worth a digest
 * @param period           at most one digest per user per period (periods are aligned to the epoch, UTC)
 * @param checkInterval    how often to look
 * @param maxConversations conversations listed in one digest (the rest are counted)
 */
@ConfigurationProperties("parley.notifications.digest")
public record DigestProperties(boolean enabled, Duration delay, Duration period, Duration checkInterval,
                               int maxConversations) {

    public DigestProperties {
        for (Duration duration : new Duration[] {delay, period, checkInterval}) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("parley.notifications.digest.delay, .period and .check-interval "
                        + "must be positive");
            }
        }
        if (maxConversations < 1) {
            throw new IllegalArgumentException("parley.notifications.digest.max-conversations must be at least 1");
        }
    }
}
