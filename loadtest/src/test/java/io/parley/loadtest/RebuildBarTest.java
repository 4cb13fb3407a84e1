package io.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RebuildBarTest {

    @Test
    void bar_showsTheShareDone_eventsOfTheTotal_theRate_andTheTimeLeftAtThatRate() {
        assertThat(RebuildBar.render(2_500, 10_000, 500, 20))
                .isEqualTo("[#####...............]  25 %  2,500 / 10,000 events  500 events/s  15s left");
    }

    @Test
    void bar_isFull_whenDone_andTheTimeLeftUnknown_beforeARateIsKnown() {
        assertThat(RebuildBar.render(10_000, 10_000, 2_000, 10))
                .isEqualTo("[##########] 100 %  10,000 / 10,000 events  2,000 events/s  0s left");
        assertThat(RebuildBar.render(0, 10_000, 0, 4)).isEqualTo("[....]   0 %  0 / 10,000 events  0 events/s  ? left");
        assertThat(RebuildBar.render(5, 0, 0, 4)).as("an empty store is done").startsWith("[####] 100 %  0 / 0");
    }

    @Test
    void timeLeft_readsAsSecondsMinutesOrHours() {
        assertThat(RebuildBar.timeLeft(Duration.ofMillis(41_200))).isEqualTo("42s");
        assertThat(RebuildBar.timeLeft(Duration.ofSeconds(185))).isEqualTo("3m 05s");
        assertThat(RebuildBar.timeLeft(Duration.ofMinutes(62))).isEqualTo("1h 02m");
    }
}
