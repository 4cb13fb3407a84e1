package io.parley.query.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which gaps in the event store's global index may still fill. A gap is an index a transaction took and has not
 * committed: it fills when that transaction commits, or never when it rolled back or its process died. A gap this
 * instance has seen for longer than {@code parley.read-your-writes.gap-timeout}, longer than any transaction of
 * Parley lives, is taken as settled, so it stops holding back reads (X-Min-Position); Axon keeps it in the tokens
 * until its own gap cleaning.
 */
@Component
class SettledGaps {

    /** Enough for every gap in flight; beyond it the lowest (oldest) are forgotten, which only makes them wait again. */
    private static final int MAX_TRACKED = 10_000;

    private final ConcurrentSkipListMap<Long, Instant> firstSeen = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private final Duration timeout;

    @Autowired
    SettledGaps(ReadYourWritesProperties properties) {
        this(Clock.systemUTC(), properties.gapTimeout());
    }

    SettledGaps(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Whether the gap at this index may still fill; the first call for an index starts its clock. */
    boolean pending(long index) {
        Instant now = clock.instant();
        Instant seen = firstSeen.putIfAbsent(index, now);
        if (seen == null) {
            while (firstSeen.size() > MAX_TRACKED) {
                firstSeen.pollFirstEntry();
            }
            return !timeout.isNegative() && !timeout.isZero();
        }
        return Duration.between(seen, now).compareTo(timeout) < 0;
    }
}
