package io.parley.query.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.kernel.testing.CuttableProxy;
import io.parley.kernel.testing.TestInfrastructure;
import io.parley.query.support.TestFanout;
import org.junit.jupiter.api.Test;

/** The fanout on the real RabbitMQ, reached through a proxy that can cut the connection. */
class LiveFanoutRecoveryIT {

    @Test
    void afterTheBrokerWasCutOff_theClientRecovers_andSignalsFlowAgainThroughANewQueue() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> local = new CopyOnWriteArrayList<>();
        try (CuttableProxy proxy = new CuttableProxy(TestInfrastructure.rabbitHost(), TestInfrastructure.rabbitPort())) {
            LiveBrokerProperties properties = new LiveBrokerProperties(
                    URI.create("amqp://guest:guest@127.0.0.1:" + proxy.port() + "/"), true, TestFanout.prefix(),
                    Duration.ofSeconds(5), Duration.ofSeconds(5));
            LiveFanout fanout = new LiveFanout(properties, "recovery-" + UUID.randomUUID(), 0,
                    new SimpleMeterRegistry());
            fanout.onMessage(FanoutTopic.TYPING, body -> received.add(new String(body, StandardCharsets.UTF_8)));
            fanout.broker().start();
            try {
                assertThat(fanout.connected()).isTrue();
                fanout.send(FanoutTopic.TYPING, "\"before\"".getBytes(StandardCharsets.UTF_8),
                        () -> local.add("before"));
                await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("\"before\""));

                proxy.cut();
                await().atMost(Duration.ofSeconds(10)).until(() -> !fanout.connected());
                fanout.send(FanoutTopic.TYPING, "\"while cut\"".getBytes(StandardCharsets.UTF_8),
                        () -> local.add("while cut"));
                assertThat(local).containsExactly("while cut");
                proxy.restore();

                await().atMost(Duration.ofSeconds(30)).until(fanout::connected);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    fanout.send(FanoutTopic.TYPING, "\"after\"".getBytes(StandardCharsets.UTF_8),
                            () -> local.add("after"));
                    assertThat(received).contains("\"after\"");
                });
                assertThat(received).doesNotContain("\"while cut\"");
            } finally {
                fanout.broker().stop();
            }
        }
    }
}
