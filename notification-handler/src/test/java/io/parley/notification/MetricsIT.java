package io.parley.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.kernel.testing.ObservabilityFiles;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The metrics deploy/observability names for notification-handler exist once it has sent a notification. */
class MetricsIT extends NotificationHandlerIntegrationTest {

    @LocalServerPort
    private int port;

    @Test
    void everyMetricTheDashboardAndTheAlertsName_isExposed_afterAWelcomeMail() {
        double sentBefore = emailCount("sent");
        registerUser("Measured");
        await().atMost(WAIT).until(() -> emailCount("sent") > sentBefore);

        String text = ObservabilityFiles.scrape(port);

        ObservabilityFiles.assertScrapeHasEveryMetricOf("notification-handler", text);
        assertThat(text).containsPattern("(?m)^parley_notifications_sent_total\\{channel=\"email\"[^}]*} [1-9]");
    }
}
