package io.parley.notification.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NotificationJobTest {

    private final NotificationJob job = NotificationJob.of("event-1", NotificationChannel.EMAIL, "password-reset",
            "user-1", "ada@parley.test", Map.of("link", "https://parley.test/reset?token=secret"),
            Instant.parse("2026-11-22T01:00:00Z"));

    @Test
    void key_isEventIdRecipientAndChannel() {
        assertThat(job.key()).isEqualTo("event-1:user-1:email");
        assertThat(NotificationJob.key("event-1", "user-1", NotificationChannel.PUSH)).isEqualTo("event-1:user-1:push");
    }

    @Test
    void routingKey_startsWithTheChannel_soTheChannelQueueBindingMatchesIt() {
        assertThat(job.routingKey()).isEqualTo("email.password-reset");
    }

    @Test
    void toString_leavesOutTheAddressAndTheParameters() {
        assertThat(job.toString()).contains("event-1:user-1:email").doesNotContain("ada@").doesNotContain("secret");
    }

    @Test
    void job_roundTripsAsJson() {
        JsonMapper json = JsonMapper.builder().build();

        NotificationJob read = json.readValue(json.writeValueAsBytes(job), NotificationJob.class);

        assertThat(read).isEqualTo(job);
    }

    @Test
    void kind_mustBeAPlainWord_becauseItIsPartOfTheRoutingKey() {
        assertThatThrownBy(() -> NotificationJob.of("e", NotificationChannel.EMAIL, "welcome.#", "u", null, Map.of(),
                Instant.now())).isInstanceOf(IllegalArgumentException.class);
    }
}
