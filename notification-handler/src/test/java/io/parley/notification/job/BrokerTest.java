package io.parley.notification.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.Test;

class BrokerTest {

    private static Broker unreachable(boolean required) {
        NotificationProperties.BrokerSettings settings = new NotificationProperties.BrokerSettings(
                URI.create("amqp://guest:secret@127.0.0.1:1/parley"), required, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(5),
                BrokerFlavour.RABBITMQ);
        return new Broker(settings, new Topology("parley.notifications.unit", List.of(Duration.ofSeconds(1))));
    }

    @Test
    void anUnreachableBroker_doesNotFailTheStart_andPublishingFailsAfterThePublishWait() {
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
}
