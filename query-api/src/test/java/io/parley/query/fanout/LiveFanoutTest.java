package io.parley.query.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class LiveFanoutTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private LiveFanout unreachable(boolean required) {
        LiveBrokerProperties properties = new LiveBrokerProperties(URI.create("amqp://guest:secret@127.0.0.1:1/"),
                required, "parley.live.unit", Duration.ofSeconds(2), Duration.ofSeconds(30));
        return new LiveFanout(properties, "unit-1", FanoutConfig.BROKER_PHASE, meters);
    }

    @Test
    void withoutABroker_signalsAreDeliveredOnThisInstance_andCounted() {
        LiveFanout fanout = unreachable(false);
        fanout.broker().start();
        try {
            AtomicInteger delivered = new AtomicInteger();

            fanout.send(FanoutTopic.TYPING, "{}".getBytes(), delivered::incrementAndGet);
            fanout.send(FanoutTopic.PRESENCE, "{}".getBytes(), delivered::incrementAndGet);

            assertThat(delivered).hasValue(2);
            assertThat(fanout.connected()).isFalse();
            assertThat(meters.get("parley.live.fanout.local").tag("topic", "typing").counter().count()).isEqualTo(1);
            assertThat(meters.get("parley.live.fanout.published").tag("topic", "typing").counter().count()).isZero();
        } finally {
            fanout.broker().stop();
        }
    }

    @Test
    void health_saysUnreachable_orDownWhenTheBrokerIsRequired() {
        LiveFanout optional = unreachable(false);
        LiveFanout required = unreachable(true);
        optional.broker().start();
        required.broker().start();
        try {
            FanoutConfig config = new FanoutConfig();
            var health = config.rabbitHealthIndicator(optional.broker(), optional).health();
            assertThat(health.getStatus().getCode()).isEqualTo("UNREACHABLE");
            assertThat(health.getDetails())
                    .containsEntry("exchanges", "parley.live.unit.presence, parley.live.unit.typing, parley.live.unit.changes")
                    .containsEntry("instanceId", "unit-1")
                    .containsEntry("broker", "amqp://127.0.0.1:1/");
            assertThat(config.rabbitHealthIndicator(required.broker(), required).health().getStatus())
                    .isEqualTo(Status.DOWN);
        } finally {
            optional.broker().stop();
            required.broker().stop();
        }
    }
}
