package io.parley.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PushNotifierTest {

    @Test
    void preview_isOneLine_cutAtTheLengthInCodePoints_withAnEllipsis() {
        assertThat(PushNotifier.preview("  short\n\ttext  ", 10)).isEqualTo("short text");
        assertThat(PushNotifier.preview("0123456789abc", 10)).isEqualTo("0123456789…");
        assertThat(PushNotifier.preview("😀".repeat(12), 10)).isEqualTo("😀".repeat(10) + "…");
    }
}
