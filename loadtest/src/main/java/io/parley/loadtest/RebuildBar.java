package io.parley.loadtest;

import java.time.Duration;
import java.util.Locale;

/**
 * One line of a rebuild's progress: a bar, the share done, events done of the total, the rate and the time left
 * at that rate (unknown until the rate is).
 */
final class RebuildBar {

    private RebuildBar() {
    }

    static String render(long done, long total, double eventsPerSecond, int width) {
        long clampedTotal = Math.max(0, total);
        long clampedDone = Math.min(Math.max(0, done), clampedTotal);
        double share = clampedTotal == 0 ? 1.0 : (double) clampedDone / clampedTotal;
        int filled = (int) Math.floor(share * width);
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String left = eventsPerSecond > 0 ? timeLeft(Duration.ofMillis(Math.round(
                (clampedTotal - clampedDone) / eventsPerSecond * 1000))) : "?";
        return String.format(Locale.ROOT, "[%s] %3d %%  %,d / %,d events  %,.0f events/s  %s left", bar,
                (int) Math.floor(share * 100), clampedDone, clampedTotal, Math.max(0, eventsPerSecond), left);
    }

    /** 0s, 42s, 3m 05s, 1h 02m. */
    static String timeLeft(Duration left) {
        long seconds = Math.max(0, (left.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
