package io.parley.notification.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DigestPlannerTest {

    private static DigestPlanner planner(Duration period) {
        return new DigestPlanner(null, null, null, null,
                new DigestProperties(true, Duration.ofHours(1), period, Duration.ofMinutes(5), 20));
    }

    @Test
    void periods_areAlignedToTheEpoch_soEveryInstanceComputesTheSameKey() {
        DigestPlanner daily = planner(Duration.ofDays(1));

        assertThat(daily.periodStart(Instant.parse("2026-11-22T03:04:05Z"))).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(daily.periodStart(Instant.parse("2026-11-22T23:59:59Z"))).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(planner(Duration.ofHours(6)).periodStart(Instant.parse("2026-11-22T13:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
    }

    @Test
    void countsAndPeriods_readAsEnglish() {
        assertThat(DigestPlanner.plural(1, "unread message")).isEqualTo("1 unread message");
        assertThat(DigestPlanner.plural(3, "conversation")).isEqualTo("3 conversations");
        assertThat(DigestPlanner.describe(Duration.ofDays(1))).isEqualTo("day");
        assertThat(DigestPlanner.describe(Duration.ofDays(7))).isEqualTo("7 days");
        assertThat(DigestPlanner.describe(Duration.ofHours(12))).isEqualTo("12 hours");
        assertThat(DigestPlanner.describe(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    }
}
