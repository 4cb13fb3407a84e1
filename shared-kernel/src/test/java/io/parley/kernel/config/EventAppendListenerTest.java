package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;

class EventAppendListenerTest {

    @Test
    void highestPosition_isTheLargestTheNotificationsName_andMinusOneWhenNoneNamesOne() {
        assertThat(EventAppendListener.highestPosition(new PGNotification[] {
                notification("41"), notification("57"), notification("12")})).isEqualTo(57);
        assertThat(EventAppendListener.highestPosition(new PGNotification[] {notification("")})).isEqualTo(-1);
        assertThat(EventAppendListener.highestPosition(new PGNotification[] {
                notification(""), notification("9")})).isEqualTo(9);
    }

    private static PGNotification notification(String payload) {
        return new PGNotification() {
            @Override
            public String getName() {
                return EventAppendListener.CHANNEL;
            }

            @Override
            public int getPID() {
                return 1;
            }

            @Override
            public String getParameter() {
                return payload;
            }
        };
    }
}
