package io.parley.kernel.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class BrokerConnectionTest {

    private static BrokerConnection unreachable(boolean required) {
        BrokerSettings settings = new BrokerSettings(URI.create("amqp://guest:secret@127.0.0.1:1/parley"), required,
                Duration.ofSeconds(2), Duration.ofSeconds(30));
        return new BrokerConnection("parley-unit", settings, channel -> { }, 0);
    }

    @Test
    void anUnreachableBroker_doesNotFailTheStart_andSaysWhyWithoutCredentials() {
        BrokerConnection broker = unreachable(false);
        try {
            broker.start();

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.isConnected()).isFalse();
            assertThat(broker.where()).isEqualTo("amqp://127.0.0.1:1/parley");
            assertThat(broker.lastFailure()).isNotBlank().doesNotContain("secret");
        } finally {
            broker.stop();
        }
    }

    @Test
    void health_isUnreachableButNotDown_unlessTheBrokerIsRequired() {
        BrokerConnection optional = unreachable(false);
        BrokerConnection required = unreachable(true);
        try {
            optional.start();
            required.start();

            Health optionalHealth = new BrokerHealthIndicator(optional, "works alone", Map.of("exchange", "x")).health();
            assertThat(optionalHealth.getStatus().getCode()).isEqualTo("UNREACHABLE");
            assertThat(optionalHealth.getDetails()).containsEntry("exchange", "x").containsEntry("required", false);
            assertThat(new BrokerHealthIndicator(required, "works alone", Map.of()).health().getStatus())
                    .isEqualTo(Status.DOWN);
            // What keeps ./parley up (no broker yet) healthy: the aggregate ignores the status it does not know.
            assertThat(new SimpleStatusAggregator().getAggregateStatus(Status.UP, optionalHealth.getStatus()))
                    .isEqualTo(Status.UP);
        } finally {
            optional.stop();
            required.stop();
        }
    }
}
