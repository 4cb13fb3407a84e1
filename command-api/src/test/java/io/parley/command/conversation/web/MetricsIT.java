package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.testing.ObservabilityFiles;
import org.junit.jupiter.api.Test;

/** The metrics deploy/observability names for command-api exist once it has served some sends. */
class MetricsIT extends ConversationIntegrationTest {

    @Test
    void everyMetricTheDashboardAndTheAlertsName_isExposed_afterSomeSends() {
        Actor owner = signUp("owner");
        String group = createGroup(owner, "Metrics", signUp("member"));
        for (int i = 0; i < 3; i++) {
            sent(owner, group, "message " + i);
        }

        String text = ObservabilityFiles.scrape(port);

        ObservabilityFiles.assertScrapeHasEveryMetricOf("command-api", text);
        assertThat(text).as("the send histogram has buckets")
                .contains("http_server_requests_seconds_bucket{")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*method=\"POST\"[^}]*status=\"201\""
                        + "[^}]*uri=\"/api/v1/conversations/\\{conversationId}/messages\",le=");
    }
}
