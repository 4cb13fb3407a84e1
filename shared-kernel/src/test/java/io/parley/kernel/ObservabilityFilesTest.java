package io.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.parley.kernel.testing.ApiContract;
import io.parley.kernel.testing.ObservabilityFiles;
import org.junit.jupiter.api.Test;

class ObservabilityFilesTest {

    @Test
    void everySelectorOfTheDashboardAndTheAlerts_namesTheJobOfAParleyService() {
        assertThat(ObservabilityFiles.metricsByJob()).isNotEmpty().allSatisfy((metric, jobs) ->
                assertThat(jobs).as(metric).isNotEmpty().isSubsetOf(ApiContract.SERVICES));
    }

    @Test
    void theFilesName_theSendAndDeliveryHistograms_socketsSubscriptions_lag_andNotifications() {
        assertThat(ObservabilityFiles.metricsByJob().keySet()).containsAll(Set.of(
                "http_server_requests_seconds_bucket", "parley_live_delivery_seconds_bucket", "parley_live_sockets",
                "parley_live_subscriptions", "parley_processor_lag_events", "parley_notifications_sent_total"));
    }
}
