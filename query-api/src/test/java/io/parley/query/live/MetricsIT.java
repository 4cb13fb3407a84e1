package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.kernel.testing.ObservabilityFiles;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.StompTestClient;
import io.parley.query.support.StompTestClient.Connection;
import io.parley.query.support.StompTestClient.Subscription;
import org.junit.jupiter.api.Test;

/** The metrics deploy/observability names for query-api exist once it has delivered messages live. */
class MetricsIT extends QueryApiIntegrationTest {

    @Test
    void everyMetricTheDashboardAndTheAlertsName_isExposed_afterALiveDelivery() {
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        ConversationLog group = ConversationLog.group(alice, "Metrics", List.of(bob), Instant.now());
        long position = appendTo(ConversationLog.AGGREGATE, group.id(), group.drain());
        try (Connection connection = StompTestClient.connect(port(), token(alice))) {
            Subscription messages = connection.subscribe("/topic/conversations/" + group.id() + "/messages",
                    "since-seq", "0", "X-Min-Position", Long.toString(position));
            group.send(bob, "measured");
            appendTo(ConversationLog.AGGREGATE, group.id(), group.drain());
            assertThat(messages.next().path("type").asString()).isEqualTo("message.created");

            String text = ObservabilityFiles.scrape(port());

            ObservabilityFiles.assertScrapeHasEveryMetricOf("query-api", text);
            assertThat(text).containsPattern("(?m)^parley_live_sockets(\\{[^}]*})? [1-9]")
                    .containsPattern("(?m)^parley_live_subscriptions(\\{[^}]*})? [1-9]")
                    .containsPattern("(?m)^parley_live_delivery_seconds_count(\\{[^}]*})? [1-9]")
                    .contains("parley_processor_lag_events{processor=\"projections\"");
        }
    }
}
