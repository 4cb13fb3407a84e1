package io.parley.notification.job;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How notification jobs travel. Every queue and exchange name starts with {@code prefix}, so test runs (and
 * several installations on one broker) do not share queues.
 *
 * @param prefix            name of the topic exchange and start of every queue name
 * @param broker            the RabbitMQ connection
 * @param prefetch          unacknowledged jobs a consumer holds at once
 * @param consumers         consumers (one channel each) per channel queue
 * @param retryDelays       the wait before each retry; a job is tried {@code retryDelays.size() + 1} times, then
 *                          dead-lettered
 * @param claimTimeout      how long a worker may be sending one job before another may take it over
 * @param deliveryRetention how long the idempotency key of a finished job is kept
 */
@ConfigurationProperties("parley.notifications")
public record NotificationProperties(String prefix, BrokerSettings broker, int prefetch, int consumers,
                                     List<Duration> retryDelays, Duration claimTimeout, Duration deliveryRetention) {

    public NotificationProperties {
        if (prefix == null || !prefix.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("parley.notifications.prefix must be a plain name, was: " + prefix);
        }
        if (broker == null) {
            throw new IllegalArgumentException("parley.notifications.broker.* is required");
        }
        if (prefetch < 1 || consumers < 1) {
            throw new IllegalArgumentException("parley.notifications.prefetch and .consumers must be at least 1");
        }
        if (retryDelays == null || retryDelays.isEmpty()
                || retryDelays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("parley.notifications.retry-delays must list at least one positive delay");
        }
        retryDelays = List.copyOf(retryDelays);
        if (claimTimeout == null || claimTimeout.isNegative() || claimTimeout.isZero()) {
            throw new IllegalArgumentException("parley.notifications.claim-timeout must be positive");
        }
        if (deliveryRetention == null || deliveryRetention.isNegative() || deliveryRetention.isZero()) {
            throw new IllegalArgumentException("parley.notifications.delivery-retention must be positive");
        }
    }

    /**
     * @param uri              {@code amqp://user:password@host:port/vhost}
     * @param required         whether an unreachable broker makes the service's health DOWN (else the rabbit
     *                         component reports UNREACHABLE and the service stays UP: events wait in the event store)
     * @param connectTimeout   TCP connect and handshake timeout
     * @param confirmTimeout   how long a publish waits for the broker's confirm
     * @param publishWait      how long a publish waits for a lost connection to come back before it fails (and the
     *                         event processor retries the batch after its back-off, which grows to a minute)
     * @param reconnectMaxDelay longest wait between attempts to make the first connection (automatic recovery takes
     *                         over once connected)
     * @param recoveryInterval wait between attempts of the automatic recovery after a lost connection
     * @param flavour          the kind of broker (RabbitMQ unless set: Qpid is what {@code ./parley up} embeds)
     */
    public record BrokerSettings(URI uri, boolean required, Duration connectTimeout, Duration confirmTimeout,
                                 Duration publishWait, Duration reconnectMaxDelay, Duration recoveryInterval,
                                 BrokerFlavour flavour) {

        public BrokerSettings {
            if (uri == null || !("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("parley.notifications.broker.uri must be an amqp:// or amqps:// URI");
            }
            if (publishWait == null) {
                publishWait = Duration.ofSeconds(30);
            }
            if (recoveryInterval == null) {
                recoveryInterval = io.parley.kernel.amqp.BrokerSettings.DEFAULT_RECOVERY_INTERVAL;
            }
            if (flavour == null) {
                flavour = BrokerFlavour.RABBITMQ;
            }
        }

        /** The connection settings shared with every service's broker connection. */
        public io.parley.kernel.amqp.BrokerSettings connection() {
            return new io.parley.kernel.amqp.BrokerSettings(uri, required, connectTimeout, reconnectMaxDelay,
                    recoveryInterval);
        }
    }
}
