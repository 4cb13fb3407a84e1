package io.parley.notification.job;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One notification to send, as it travels through RabbitMQ (JSON). {@code key} is the idempotency key: the id of
 * the event that caused it, the recipient and the channel, so a redelivered job or an event handled twice is sent
 * once. {@code address} is the channel's address when the event carried it (the email address); {@code params}
 * fill the template named by {@code kind}. Address and params hold personal data and secrets (a reset token):
 * {@link #toString()} leaves them out, and nothing logs them.
 */
public record NotificationJob(String key, NotificationChannel channel, String kind, String userId, String address,
                              Map<String, String> params, Instant createdAt) {

    public NotificationJob {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(userId, "userId");
        params = params == null ? Map.of() : Map.copyOf(params);
        if (!kind.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("kind must be a lower-case word: " + kind);
        }
    }

    /** A job for {@code userId} on {@code channel} caused by the event {@code eventId}. */
    public static NotificationJob of(String eventId, NotificationChannel channel, String kind, String userId,
                                     String address, Map<String, String> params, Instant createdAt) {
        return new NotificationJob(key(eventId, userId, channel), channel, kind, userId, address, params, createdAt);
    }

    /** Event id + recipient + channel: the same event never notifies the same user twice on one channel. */
    public static String key(String eventId, String userId, NotificationChannel channel) {
        return eventId + ":" + userId + ":" + channel.key();
    }

    /** {@code <channel>.<kind>}, e.g. {@code email.welcome}: the channel's queue is bound to {@code <channel>.#}. */
    public String routingKey() {
        return channel.key() + "." + kind;
    }

    @Override
    public String toString() {
        return "NotificationJob[key=" + key + ", kind=" + routingKey() + ", userId=" + userId + "]";
    }
}
