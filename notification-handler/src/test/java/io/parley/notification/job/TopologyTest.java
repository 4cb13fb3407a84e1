package io.parley.notification.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class TopologyTest {

    private final Topology topology = new Topology("parley.notifications",
            List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2)));

    @Test
    void names_followThePrefix() {
        assertThat(topology.exchange()).isEqualTo("parley.notifications");
        assertThat(topology.queue(NotificationChannel.EMAIL)).isEqualTo("parley.notifications.email");
        assertThat(topology.queue(NotificationChannel.PUSH)).isEqualTo("parley.notifications.push");
        assertThat(topology.deadLetterQueue()).isEqualTo("parley.notifications.dead");
        assertThat(topology.delayQueue(NotificationChannel.EMAIL, Duration.ofSeconds(30)))
                .isEqualTo("parley.notifications.email.retry-30000ms");
    }

    @Test
    void aJobIsTriedOncePlusOncePerDelay_withTheDelaysInOrder() {
        assertThat(topology.maxAttempts()).isEqualTo(4);
        assertThat(topology.delayBefore(2)).isEqualTo(Duration.ofSeconds(5));
        assertThat(topology.delayBefore(3)).isEqualTo(Duration.ofSeconds(30));
        assertThat(topology.delayBefore(4)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void retriesOfAChannel_comeBackToThatChannelsQueueOnly() {
        for (NotificationChannel channel : NotificationChannel.values()) {
            String retryKey = Topology.retryRoutingKey(channel);
            assertThat(matches(Topology.bindingKey(channel), retryKey)).isTrue();
            for (NotificationChannel other : NotificationChannel.values()) {
                if (other != channel) {
                    assertThat(matches(Topology.bindingKey(other), retryKey)).isFalse();
                }
            }
        }
    }

    /** Topic matching for the binding keys used here: {@code <word>.#}. */
    private static boolean matches(String binding, String routingKey) {
        String head = binding.substring(0, binding.length() - 2);
        return routingKey.equals(head) || routingKey.startsWith(head + ".");
    }
}
