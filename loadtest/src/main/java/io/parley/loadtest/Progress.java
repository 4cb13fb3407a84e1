package io.parley.loadtest;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Live progress on the terminal: a line every two seconds while something counts up. */
final class Progress implements AutoCloseable {

    private final ScheduledExecutorService reporter;

    private Progress(ScheduledExecutorService reporter) {
        this.reporter = reporter;
    }

    /** The terminal is this tool's user interface: progress lines go to standard output, never message text. */
    static void say(String format, Object... args) {
        System.out.printf("%s  %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
    }

    static Progress counting(String what, AtomicLong done, long total) {
        long start = System.nanoTime();
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().daemon().name("progress").unstarted(runnable));
        reporter.scheduleAtFixedRate(() -> {
            long now = done.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            say("%s %,d / %,d (%,.0f/s)", what, now, total, now / seconds);
        }, 2, 2, TimeUnit.SECONDS);
        return new Progress(reporter);
    }

    /** Sends made and deliveries received, while a fanout runs. */
    static Progress fanout(AtomicLong sent, AtomicLong delivered, long sends, long deliveries) {
        long start = System.nanoTime();
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().daemon().name("progress").unstarted(runnable));
        long[] before = new long[1];
        reporter.scheduleAtFixedRate(() -> {
            long now = delivered.get();
            say("%6.1f s  sent %,d / %,d   delivered %,d / %,d (%,d/s)", (System.nanoTime() - start) / 1e9,
                    sent.get(), sends, now, deliveries, (now - before[0]) / 2);
            before[0] = now;
        }, 2, 2, TimeUnit.SECONDS);
        return new Progress(reporter);
    }

    @Override
    public void close() {
        reporter.shutdownNow();
    }
}
