package io.parley.kernel.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text rules (docs/api.md, "Text"). */
class PlainTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"Ada", "Zoë", "שלום", "😀 ok", "a\u200Fb", "日本語", "x y"})
    void ordinaryText_isPlainText_onOneLine(String text) {
        assertThat(PlainTextValidator.isPlainText(text, false)).isTrue();
        assertThat(PlainTextValidator.isPlainText(text, true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0007", "\u001b[31m", "a\u007f", "a\u0085", "\ud800", "a\udc00b",
            "\ud83d", "x\ud83dy"})
    void controlsAndUnpairedSurrogates_areRefused_everywhere(String text) {
        assertThat(PlainTextValidator.isPlainText(text, false)).isFalse();
        assertThat(PlainTextValidator.isPlainText(text, true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\tb", "a\r\nb", "\u202Bשלום\u202C", "\u2067x\u2069", "a\u202Eb"})
    void lineBreaksTabsAndBidiControls_areAllowedInMultilineText_only(String text) {
        assertThat(PlainTextValidator.isPlainText(text, true)).isTrue();
        assertThat(PlainTextValidator.isPlainText(text, false)).isFalse();
    }
}
