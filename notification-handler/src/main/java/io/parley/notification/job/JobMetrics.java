package io.parley.notification.job;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters per channel: {@code parley.notifications.published}, {@code .sent}, {@code .retried},
 * {@code .dead.lettered}, {@code .duplicates} (a job that had been sent already), {@code .dropped} (no recipient
 * any more) and {@code .logged} (logged instead of sent: the channel has no credentials). Registered up front, so
 * every series exists at zero.
 */
final class JobMetrics {

    private final Map<NotificationChannel, Counter> published = new EnumMap<>(NotificationChannel.class);
    private final Map<NotificationChannel, Counter> sent = new EnumMap<>(NotificationChannel.class);
    private final Map<NotificationChannel, Counter> retried = new EnumMap<>(NotificationChannel.class);
    private final Map<NotificationChannel, Counter> deadLettered = new EnumMap<>(NotificationChannel.class);
    private final Map<NotificationChannel, Counter> duplicates = new EnumMap<>(NotificationChannel.class);
    private final Map<NotificationChannel, Counter> dropped = new EnumMap<>(NotificationChannel.class);
    private final Map<NotificationChannel, Counter> logged = new EnumMap<>(NotificationChannel.class);

    JobMetrics(MeterRegistry registry) {
        for (NotificationChannel channel : NotificationChannel.values()) {
            published.put(channel, counter(registry, "published", channel, "Jobs handed to RabbitMQ with a confirm"));
            sent.put(channel, counter(registry, "sent", channel, "Jobs sent by a worker"));
            retried.put(channel, counter(registry, "retried", channel, "Failed attempts scheduled for a retry"));
            deadLettered.put(channel, counter(registry, "dead.lettered", channel, "Jobs moved to the dead-letter queue"));
            duplicates.put(channel, counter(registry, "duplicates", channel, "Deliveries of jobs that had been sent already"));
            dropped.put(channel, counter(registry, "dropped", channel, "Jobs whose recipient no longer exists"));
            logged.put(channel, counter(registry, "logged", channel, "Jobs logged instead of sent: no credentials"));
        }
    }

    private static Counter counter(MeterRegistry registry, String name, NotificationChannel channel, String description) {
        return Counter.builder("parley.notifications." + name)
                .tag("channel", channel.key())
                .description(description)
                .register(registry);
    }

    void published(NotificationChannel channel) {
        published.get(channel).increment();
    }

    void sent(NotificationChannel channel) {
        sent.get(channel).increment();
    }

    void retried(NotificationChannel channel) {
        retried.get(channel).increment();
    }

    void deadLettered(NotificationChannel channel) {
        deadLettered.get(channel).increment();
    }

    void duplicate(NotificationChannel channel) {
        duplicates.get(channel).increment();
    }

    void dropped(NotificationChannel channel) {
        dropped.get(channel).increment();
    }

    void logged(NotificationChannel channel) {
        logged.get(channel).increment();
    }
}
