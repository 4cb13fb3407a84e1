package io.parley.loadtest;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency samples in nanoseconds, summarised in milliseconds. */
final class Latencies {

    private long[] samples = new long[64];
    private int count;

    synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    synchronized Map<String, Object> summary() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("samples", count);
        summary.put("p50Ms", millis(percentile(sorted, 50)));
        summary.put("p90Ms", millis(percentile(sorted, 90)));
        summary.put("p99Ms", millis(percentile(sorted, 99)));
        summary.put("maxMs", millis(count == 0 ? 0 : sorted[count - 1]));
        return summary;
    }

    private static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
