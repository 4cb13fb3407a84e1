package io.parley.kernel.amqp;

import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * UP while connected. Without a connection: DOWN when the broker is required, else {@code UNREACHABLE}, a status
 * the health aggregation does not count, so a service without a broker (the embedded stack) stays UP and shows
 * why it works in a reduced way.
 */
public final class BrokerHealthIndicator implements HealthIndicator {

    public static final String UNREACHABLE_CODE = "UNREACHABLE";

    private final BrokerConnection broker;
    private final Status unreachable;
    private final Map<String, Object> details;

    /** {@code whileUnreachable} says what the service does meanwhile; {@code details} are shown in every state. */
    public BrokerHealthIndicator(BrokerConnection broker, String whileUnreachable, Map<String, Object> details) {
        this.broker = broker;
        this.unreachable = new Status(UNREACHABLE_CODE, whileUnreachable);
        this.details = Map.copyOf(details);
    }

    @Override
    public Health health() {
        Health.Builder health = broker.isConnected() ? Health.up()
                : Health.status(broker.required() ? Status.DOWN : unreachable)
                        .withDetail("error", String.valueOf(broker.lastFailure()));
        return health.withDetail("broker", broker.where())
                .withDetails(details)
                .withDetail("required", broker.required())
                .build();
    }
}
