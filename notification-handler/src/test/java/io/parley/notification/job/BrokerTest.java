package io.parley.notification.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Status;

class BrokerTest {

    private static Broker unreachable(boolean required) {
        NotificationProperties.BrokerSettings settings = new NotificationProperties.BrokerSettings(
                URI.create("amqp://guest:secret@127.0.0.1:1/parley"), required, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(30));
        return new Broker(settings, new Topology("parley.notifications.unit", List.of(Duration.ofSeconds(1))));
    }

    @Test
    void anUnreachableBroker_doesNotFailTheStart_andPublishingFailsFast() {
        Broker broker = unreachable(false);
        try {
            broker.start();

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.isConnected()).isFalse();
            assertThatThrownBy(() -> broker.publish("", "q", new AMQP.BasicProperties(), new byte[0]))
                    .isInstanceOf(BrokerUnavailableException.class)
                    .hasMessageContaining("amqp://127.0.0.1:1/parley")
                    .hasMessageNotContaining("secret");
        } finally {
            broker.stop();
        }
    }

    @Test
    void health_isUnreachableButNotDown_unlessTheBrokerIsRequired() {
        Broker optional = unreachable(false);
        Broker required = unreachable(true);
        try {
            optional.start();
            required.start();
            Topology topology = new Topology("parley.notifications.unit", List.of(Duration.ofSeconds(1)));

            assertThat(new BrokerHealthIndicator(optional, topology).health().getStatus().getCode()).isEqualTo("UNREACHABLE");
            assertThat(new BrokerHealthIndicator(required, topology).health().getStatus().getCode()).isEqualTo("DOWN");
            // What keeps ./parley up (no broker yet) healthy: the aggregate ignores the status it does not know.
            assertThat(new SimpleStatusAggregator().getAggregateStatus(Status.UP, BrokerHealthIndicator.UNREACHABLE))
                    .isEqualTo(Status.UP);
        } finally {
            optional.stop();
            required.stop();
        }
    }
}
