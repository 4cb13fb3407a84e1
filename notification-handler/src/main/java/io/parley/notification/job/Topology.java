package io.parley.notification.job;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

/**
 * The RabbitMQ topology of notification jobs, all names starting with the configured prefix {@code p}:
 * <ul>
 * <li>{@code p}: durable topic exchange the event handlers publish jobs to, routing key {@code <channel>.<kind>};</li>
 * <li>{@code p.email}, {@code p.push}: durable queues bound with {@code email.#} / {@code push.#}; a job rejected
 * there (after its last attempt) is dead-lettered by the broker to {@code p.dead};</li>
 * <li>{@code p.<channel>.retry-<ms>ms}: one delay queue per channel and retry delay; a failed job is republished
 * there, waits out the queue's {@code x-message-ttl} and is dead-lettered back to the exchange with routing key
 * {@code <channel>.retry}, i.e. to its channel's queue. The delay is part of the name, so changing the delays
 * declares new queues instead of failing on the old ones' arguments;</li>
 * <li>{@code p.dead}: durable dead-letter queue, kept for inspection (nothing consumes it).</li>
 * </ul>
 * That is the {@link BrokerFlavour#RABBITMQ} form. On {@link BrokerFlavour#QPID} the queues are the same, but a delay
 * queue bounds its messages' TTL to its delay and routes them when they expire to {@code p.<channel>.requeue}, a
 * fanout exchange bound to the channel's queue; and the worker itself moves a dead job to {@code p.dead}.
 * Declaring is idempotent: the same settings declare the same entities with the same arguments.
 */
final class Topology {

    private final String prefix;
    private final List<Duration> retryDelays;
    private final BrokerFlavour flavour;

    Topology(String prefix, List<Duration> retryDelays) {
        this(prefix, retryDelays, BrokerFlavour.RABBITMQ);
    }

    Topology(String prefix, List<Duration> retryDelays, BrokerFlavour flavour) {
        this.prefix = prefix;
        this.retryDelays = List.copyOf(retryDelays);
        this.flavour = flavour;
    }

    BrokerFlavour flavour() {
        return flavour;
    }

    /** Whether rejecting a job without requeue makes the broker move it to the dead-letter queue. */
    boolean brokerDeadLetters() {
        return flavour == BrokerFlavour.RABBITMQ;
    }

    String exchange() {
        return prefix;
    }

    String queue(NotificationChannel channel) {
        return prefix + "." + channel.key();
    }

    String deadLetterQueue() {
        return prefix + ".dead";
    }

    String delayQueue(NotificationChannel channel, Duration delay) {
        return prefix + "." + channel.key() + ".retry-" + delay.toMillis() + "ms";
    }

    /** Qpid only: where a channel's delay queues send the jobs whose wait is over. */
    String requeueExchange(NotificationChannel channel) {
        return prefix + "." + channel.key() + ".requeue";
    }

    static String bindingKey(NotificationChannel channel) {
        return channel.key() + ".#";
    }

    static String retryRoutingKey(NotificationChannel channel) {
        return channel.key() + ".retry";
    }

    /** First delivery plus one retry per configured delay. */
    int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** The wait before attempt {@code attempt} (2 to {@link #maxAttempts()}). */
    Duration delayBefore(int attempt) {
        return retryDelays.get(Math.min(Math.max(attempt, 2), maxAttempts()) - 2);
    }

    /** Every queue name of this topology, for tests and operators. */
    List<String> queues() {
        List<String> names = new ArrayList<>();
        names.add(deadLetterQueue());
        for (NotificationChannel channel : NotificationChannel.values()) {
            names.add(queue(channel));
            for (Duration delay : new LinkedHashSet<>(retryDelays)) {
                names.add(delayQueue(channel, delay));
            }
        }
        return names;
    }

    void declare(Channel channel) throws IOException {
        if (flavour == BrokerFlavour.QPID) {
            declareOnQpid(channel);
            return;
        }
        channel.exchangeDeclare(exchange(), BuiltinExchangeType.TOPIC, true, false, Map.of());
        channel.queueDeclare(deadLetterQueue(), true, false, false, Map.of());
        for (NotificationChannel notificationChannel : NotificationChannel.values()) {
            Map<String, Object> work = new LinkedHashMap<>();
            work.put("x-dead-letter-exchange", "");
            work.put("x-dead-letter-routing-key", deadLetterQueue());
            channel.queueDeclare(queue(notificationChannel), true, false, false, work);
            channel.queueBind(queue(notificationChannel), exchange(), bindingKey(notificationChannel));
            for (Duration delay : new LinkedHashSet<>(retryDelays)) {
                Map<String, Object> wait = new LinkedHashMap<>();
                wait.put("x-message-ttl", Math.toIntExact(delay.toMillis()));
                wait.put("x-dead-letter-exchange", exchange());
                wait.put("x-dead-letter-routing-key", retryRoutingKey(notificationChannel));
                channel.queueDeclare(delayQueue(notificationChannel, delay), true, false, false, wait);
            }
        }
    }

    private void declareOnQpid(Channel channel) throws IOException {
        channel.exchangeDeclare(exchange(), BuiltinExchangeType.TOPIC, true, false, Map.of());
        channel.queueDeclare(deadLetterQueue(), true, false, false, Map.of());
        for (NotificationChannel notificationChannel : NotificationChannel.values()) {
            String queue = queue(notificationChannel);
            channel.queueDeclare(queue, true, false, false, Map.of());
            channel.queueBind(queue, exchange(), bindingKey(notificationChannel));
            String requeue = requeueExchange(notificationChannel);
            channel.exchangeDeclare(requeue, BuiltinExchangeType.FANOUT, true, false, Map.of());
            channel.queueBind(queue, requeue, "");
            for (Duration delay : new LinkedHashSet<>(retryDelays)) {
                Map<String, Object> wait = new LinkedHashMap<>();
                // Qpid's queue attributes, accepted as declare arguments: every message lives exactly the delay,
                // then goes to the alternate (the requeue exchange) instead of being deleted.
                wait.put("minimumMessageTtl", delay.toMillis());
                wait.put("maximumMessageTtl", delay.toMillis());
                wait.put("expiryPolicy", "ROUTE_TO_ALTERNATE");
                wait.put("alternateExchange", requeue);
                channel.queueDeclare(delayQueue(notificationChannel, delay), true, false, false, wait);
            }
        }
    }
}
