package io.parley.kernel.amqp;

import java.net.URI;
import java.time.Duration;

/**
 * Where a service's RabbitMQ is and how hard to try.
 *
 * @param uri               {@code amqp://user:password@host:port/vhost}
 * @param required          whether an unreachable broker makes the service's health DOWN (else the component
 *                          reports UNREACHABLE and the service stays UP)
 * @param connectTimeout    TCP connect and handshake timeout
 * @param reconnectMaxDelay longest wait between attempts to make the first connection (automatic recovery takes
 *                          over once connected)
 * @param recoveryInterval  wait between the automatic recovery's attempts after a lost connection
 */
public record BrokerSettings(URI uri, boolean required, Duration connectTimeout, Duration reconnectMaxDelay,
                             Duration recoveryInterval) {

    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(5);

    /** With the default recovery interval. */
    public BrokerSettings(URI uri, boolean required, Duration connectTimeout, Duration reconnectMaxDelay) {
        this(uri, required, connectTimeout, reconnectMaxDelay, DEFAULT_RECOVERY_INTERVAL);
    }

    public BrokerSettings {
        if (uri == null || !("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("the broker uri must be an amqp:// or amqps:// URI");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("the broker connect-timeout must be positive");
        }
        if (reconnectMaxDelay == null || reconnectMaxDelay.isNegative() || reconnectMaxDelay.isZero()) {
            throw new IllegalArgumentException("the broker reconnect-max-delay must be positive");
        }
        if (recoveryInterval == null || recoveryInterval.isNegative() || recoveryInterval.isZero()) {
            throw new IllegalArgumentException("the broker recovery-interval must be positive");
        }
    }

    /** Host, port and virtual host, without credentials: what logs and health may show. */
    public String where() {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
    }
}
