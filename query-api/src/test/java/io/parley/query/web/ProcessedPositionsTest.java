package io.parley.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.LongPredicate;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

class ProcessedPositionsTest {

    private static final LongPredicate PENDING = gap -> true;

    @Test
    void aGapAwareToken_coversAPosition_whenItIsAtOrPastIt_withNoGapUpToIt() {
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(10, List.of()), 10, PENDING)).isTrue();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(10, List.of()), 7, PENDING)).isTrue();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(9, List.of()), 10, PENDING)).isFalse();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(12, List.of(10L)), 10, PENDING)).isFalse();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(12, List.of(8L)), 10, PENDING)).isFalse();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(12, List.of(11L)), 10, PENDING)).isTrue();
    }

    @Test
    void otherTokens_coverByPosition_andNoTokenCoversNothing() {
        assertThat(ProcessedPositions.covers(new GlobalSequenceTrackingToken(5), 5, PENDING)).isTrue();
        assertThat(ProcessedPositions.covers(new GlobalSequenceTrackingToken(4), 5, PENDING)).isFalse();
        assertThat(ProcessedPositions.covers(null, 0, PENDING)).isFalse();
    }

    @Test
    void aReplay_coversOnlyWhatItHasReplayedSoFar() {
        var replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(100, List.of()),
                GapAwareTrackingToken.newInstance(20, List.of()));

        assertThat(ProcessedPositions.covers(replay, 20, PENDING)).isTrue();
        assertThat(ProcessedPositions.covers(replay, 50, PENDING)).isFalse();
    }

    @Test
    void aGapThatCanNoLongerFill_holdsNothingBack() {
        var token = GapAwareTrackingToken.newInstance(12, List.of(8L, 11L));

        assertThat(ProcessedPositions.covers(token, 10, gap -> gap == 8)).isFalse();
        assertThat(ProcessedPositions.covers(token, 10, gap -> gap == 11)).isTrue();
        assertThat(ProcessedPositions.covers(token, 11, gap -> gap == 11)).isFalse();
    }

    @Test
    void aGap_settles_onceSeenForLongerThanTheGapTimeout() {
        MutableClock clock = new MutableClock();
        SettledGaps gaps = new SettledGaps(clock, Duration.ofSeconds(3));

        assertThat(gaps.pending(7)).isTrue();
        clock.advance(Duration.ofMillis(2999));
        assertThat(gaps.pending(7)).isTrue();
        assertThat(gaps.pending(9)).as("a gap seen later has a clock of its own").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(gaps.pending(7)).isFalse();
        assertThat(gaps.pending(9)).isTrue();
        clock.advance(Duration.ofSeconds(3));
        assertThat(gaps.pending(9)).isFalse();
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-12-06T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
