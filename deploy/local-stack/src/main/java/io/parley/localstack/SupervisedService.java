package io.parley.localstack;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service of {@code ./parley up} kept running: when its process dies (a crash, an out-of-memory kill, a
 * {@code kill -9}), it is started again on the same port after a back-off that doubles from {@code firstBackOff} up
 * to {@code maxBackOff} while the service keeps dying, and starts from the first again once a run lasted
 * {@code stableAfter}. Each exit and restart is logged, so the stack is never left half up without a word. The
 * gateway and the other services find it again at the same address.
 * <p>
 * The services of a stack take turns to restart ({@code turns}, one permit): a restart begins once no other is
 * starting, and holds its turn until its service is healthy, dies, or has had {@code turnLimit}. On two cores, two
 * JVMs starting at once each took about as long as both one after the other, and starved the services still
 * running: taking turns brings the first one back sooner and leaves the running ones more of the machine.
 */
final class SupervisedService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SupervisedService.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    /** Starts one process of the service; {@code restart} is true for every start after the first. */
    interface Launcher {
        ServiceProcess launch(boolean restart) throws IOException;
    }

    private final String name;
    private final Launcher launcher;
    private final Duration firstBackOff;
    private final Duration maxBackOff;
    private final Duration stableAfter;
    private final Semaphore turns;
    private final Duration turnLimit;
    private final ScheduledExecutorService restarts;
    private volatile ServiceProcess current;
    private volatile boolean closed;
    private Duration nextBackOff;
    private Instant startedAt;
    private int restartCount;

    SupervisedService(String name, Launcher launcher, Duration firstBackOff, Duration maxBackOff,
                      Duration stableAfter) {
        this(name, launcher, firstBackOff, maxBackOff, stableAfter, new Semaphore(1, true), START_TIMEOUT);
    }

    /** As above, restarting in turns with the other services given the same {@code turns}. */
    SupervisedService(String name, Launcher launcher, Duration firstBackOff, Duration maxBackOff,
                      Duration stableAfter, Semaphore turns, Duration turnLimit) {
        this.name = name;
        this.launcher = launcher;
        this.firstBackOff = firstBackOff;
        this.maxBackOff = maxBackOff;
        this.stableAfter = stableAfter;
        this.turns = turns;
        this.turnLimit = turnLimit.compareTo(START_TIMEOUT) < 0 ? turnLimit : START_TIMEOUT;
        this.nextBackOff = firstBackOff;
        this.restarts = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name(name + "-supervisor").factory());
    }

    /** Starts the first process; supervision begins once it is healthy (a service that cannot start fails up). */
    synchronized ServiceProcess start() throws IOException {
        current = launcher.launch(false);
        startedAt = Instant.now();
        return current;
    }

    /** From now on, a death of the process is followed by a restart. */
    void supervise() {
        watch(current);
    }

    private void watch(ServiceProcess process) {
        process.process().onExit().thenRun(() -> exited(process));
    }

    private synchronized void exited(ServiceProcess process) {
        if (closed || process != current) {
            return;
        }
        Duration lived = Duration.between(startedAt, Instant.now());
        if (lived.compareTo(stableAfter) >= 0) {
            nextBackOff = firstBackOff;
        }
        Duration backOff = nextBackOff;
        nextBackOff = min(nextBackOff.multipliedBy(2), maxBackOff);
        log.error("{} (pid {}) exited unexpectedly with status {} after {} s; restarting it in {} s (log: {})", name,
                process.process().pid(), process.process().exitValue(), lived.toSeconds(), backOff.toMillis() / 1000.0,
                process.logFile());
        restarts.schedule(this::restart, backOff.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        try {
            if (!turns.tryAcquire()) {
                log.info("{} waits for another service to finish starting before it starts again", name);
                turns.acquire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ServiceProcess process;
        try {
            process = launch();
            if (process == null || awaitHealthy(process, turnLimit)) {
                return;
            }
        } finally {
            turns.release();
        }
        // Still starting after its turn: the others may start now; this one gets the rest of the start timeout.
        boolean done = closed || !process.isAlive() || awaitHealthy(process, START_TIMEOUT.minus(turnLimit));
        if (!done && process.isAlive()) {
            log.error("{} (pid {}) is not healthy {} after its restart", name, process.process().pid(), START_TIMEOUT);
        }
    }

    /** Starts the next process, or schedules another try; null if there is none now. */
    private synchronized ServiceProcess launch() {
        if (closed) {
            return null;
        }
        ServiceProcess process;
        try {
            process = launcher.launch(true);
        } catch (IOException | RuntimeException e) {
            Duration backOff = nextBackOff;
            nextBackOff = min(nextBackOff.multipliedBy(2), maxBackOff);
            log.error("{} could not be started again ({}); trying again in {} s", name, e.getMessage(),
                    backOff.toMillis() / 1000.0);
            restarts.schedule(this::restart, backOff.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        }
        current = process;
        startedAt = Instant.now();
        restartCount++;
        watch(process);
        log.warn("{} restarted (pid {}, restart {}); waiting for it to be healthy", name, process.process().pid(),
                restartCount);
        return process;
    }

    /**
     * True once healthy; false if it died (handled by {@link #exited}) or is still starting after {@code timeout}.
     */
    private boolean awaitHealthy(ServiceProcess process, Duration timeout) {
        try {
            process.awaitHealthy(timeout);
            log.info("{} is healthy again on {} (pid {})", name, process.baseUrl(), process.process().pid());
            return true;
        } catch (IllegalStateException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    String name() {
        return name;
    }

    /** The process running now (a new one after each restart). */
    ServiceProcess current() {
        return current;
    }

    int restarts() {
        return restartCount;
    }

    /** Stops supervising, then the process (graceful first, as {@link ServiceProcess#close()}). */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
        }
        restarts.shutdownNow();
        ServiceProcess process = current;
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
