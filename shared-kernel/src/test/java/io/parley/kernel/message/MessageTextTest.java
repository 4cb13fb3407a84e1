package io.parley.kernel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTextTest {

    @Test
    void text_isStrippedOfSurroundingWhitespace() {
        assertThat(new MessageText("  hello\n world \n\t").value()).isEqualTo("hello\n world");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\n\t \u2003"})
    void blankText_isRejected(String text) {
        assertThatThrownBy(() -> new MessageText(text)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TEXT_EMPTY));
    }

    @Test
    void fourThousandCharacters_areAccepted_countingCodePoints() {
        String emojis = "😀".repeat(MessageText.MAX_LENGTH);

        assertThat(emojis.length()).isEqualTo(2 * MessageText.MAX_LENGTH);
        assertThat(new MessageText(" " + emojis + " ").value()).isEqualTo(emojis);
    }

    @Test
    void moreThanFourThousandCharacters_areRejected() {
        assertThatThrownBy(() -> new MessageText("x".repeat(MessageText.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TEXT_TOO_LONG));
    }
}
