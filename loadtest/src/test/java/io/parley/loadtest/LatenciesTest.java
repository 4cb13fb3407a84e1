package io.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentiles_areNearestRank_inMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.add(ms * 1_000_000L);
        }

        Map<String, Object> summary = latencies.summary();

        assertThat(summary).containsEntry("samples", 100).containsEntry("p50Ms", 50.0)
                .containsEntry("p90Ms", 90.0).containsEntry("p99Ms", 99.0).containsEntry("maxMs", 100.0);
    }

    @Test
    void noSamples_summariseAsZero() {
        assertThat(new Latencies().summary()).containsEntry("samples", 0).containsEntry("p99Ms", 0.0);
    }
}
