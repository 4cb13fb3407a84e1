package io.parley.notification.job;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * UP while connected. Without a connection: DOWN when the broker is required
 * ({@code parley.notifications.broker.required}), else {@code UNREACHABLE}, a status the health aggregation does
 * not count, so a service without a broker (the embedded stack) stays UP and shows why it cannot notify. Nothing
 * is lost meanwhile: the notification processors retry the events with back-off until a job is confirmed.
 */
final class BrokerHealthIndicator implements HealthIndicator {

    static final Status UNREACHABLE = new Status("UNREACHABLE", "RabbitMQ is not connected; notifications wait");

    private final Broker broker;
    private final Topology topology;

    BrokerHealthIndicator(Broker broker, Topology topology) {
        this.broker = broker;
        this.topology = topology;
    }

    @Override
    public Health health() {
        Health.Builder health = broker.isConnected() ? Health.up()
                : Health.status(broker.required() ? Status.DOWN : UNREACHABLE).withDetail("error", String.valueOf(broker.lastFailure()));
        return health.withDetail("broker", broker.where())
                .withDetail("exchange", topology.exchange())
                .withDetail("required", broker.required())
                .build();
    }
}
