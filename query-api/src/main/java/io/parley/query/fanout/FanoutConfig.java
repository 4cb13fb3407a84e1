package io.parley.query.fanout;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.kernel.amqp.BrokerConnection;
import io.parley.kernel.amqp.BrokerHealthIndicator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The broker connection of the live fanout, the fanout itself and its health component {@code rabbit}. */
@Configuration(proxyBeanMethods = false)
class FanoutConfig {

    /** Started before presence and the WebSocket endpoint, stopped after them (they publish while they stop). */
    static final int BROKER_PHASE = -1_000;

    /** {@code parley.instance-id}: this running instance's id, random unless set (env {@code PARLEY_INSTANCE_ID}). */
    @Bean
    LiveFanout liveFanout(LiveBrokerProperties properties, MeterRegistry meters,
                          @Value("${parley.instance-id:${random.uuid}}") String instanceId) {
        return new LiveFanout(properties, instanceId, BROKER_PHASE, meters);
    }

    @Bean
    BrokerConnection liveBroker(LiveFanout fanout) {
        return fanout.broker();
    }

    /** Component "rabbit" of /actuator/health. */
    @Bean
    HealthIndicator rabbitHealthIndicator(BrokerConnection liveBroker, LiveFanout fanout) {
        return new BrokerHealthIndicator(liveBroker,
                "RabbitMQ is not connected; typing, presence and live changes reach this instance's sockets only",
                Map.of("exchanges", fanout.exchange(FanoutTopic.PRESENCE) + ", " + fanout.exchange(FanoutTopic.TYPING)
                                + ", " + fanout.exchange(FanoutTopic.CHANGES),
                        "instanceId", fanout.instanceId()));
    }
}
