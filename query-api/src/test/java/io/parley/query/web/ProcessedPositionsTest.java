package io.parley.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

class ProcessedPositionsTest {

    @Test
    void aGapAwareToken_coversAPosition_whenItIsAtOrPastIt_withNoGapUpToIt() {
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(10, List.of()), 10)).isTrue();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(10, List.of()), 7)).isTrue();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(9, List.of()), 10)).isFalse();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(12, List.of(10L)), 10)).isFalse();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(12, List.of(8L)), 10)).isFalse();
        assertThat(ProcessedPositions.covers(GapAwareTrackingToken.newInstance(12, List.of(11L)), 10)).isTrue();
    }

    @Test
    void otherTokens_coverByPosition_andNoTokenCoversNothing() {
        assertThat(ProcessedPositions.covers(new GlobalSequenceTrackingToken(5), 5)).isTrue();
        assertThat(ProcessedPositions.covers(new GlobalSequenceTrackingToken(4), 5)).isFalse();
        assertThat(ProcessedPositions.covers(null, 0)).isFalse();
    }

    @Test
    void aReplay_coversOnlyWhatItHasReplayedSoFar() {
        var replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(100, List.of()),
                GapAwareTrackingToken.newInstance(20, List.of()));

        assertThat(ProcessedPositions.covers(replay, 20)).isTrue();
        assertThat(ProcessedPositions.covers(replay, 50)).isFalse();
    }
}
