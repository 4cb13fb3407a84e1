package io.parley.notification.digest;

import java.time.Instant;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Checks for due digests every {@code check-interval}, in every instance: the checks of several instances overlap
 * harmlessly (see {@link DigestPlanner}).
 */
final class DigestScheduler {

    private final DigestPlanner planner;

    DigestScheduler(DigestPlanner planner) {
        this.planner = planner;
    }

    @Scheduled(fixedDelayString = "${parley.notifications.digest.check-interval}",
            initialDelayString = "${parley.notifications.digest.check-interval}")
    void check() {
        planner.check(Instant.now());
    }
}
