package io.parley.kernel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "👍", // emoji presentation
            "👍🏽", // with a skin tone
            "☝🏻", // text-default base made emoji by a skin tone
            "❤️", // text-default symbol with U+FE0F
            "👨‍👩‍👧", // ZWJ family
            "🏳️‍🌈", // ZWJ sequence starting with U+FE0F
            "👩🏻‍❤️‍💋‍👨🏼", // the longest kind: couple kissing with two skin tones
            "🇩🇪", // flag: two regional indicators
            "1️⃣", // keycap
            "#⃣", // keycap without U+FE0F
            "🏴󠁧󠁢󠁳󠁣󠁴󠁿" // tag sequence (Scotland)
    })
    void singleEmoji_isAReaction(String candidate) {
        assertThat(Emoji.isValid(candidate)).as(candidate).isTrue();
        assertThat(new Emoji(candidate).value()).isEqualTo(candidate);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "a", "1", "#", "ok", // letters and bare keycap bases
            "❤", "©", "™", // text-presentation symbols without U+FE0F
            "🏻", // a lone skin tone
            "🇩", // a lone regional indicator
            "👍👍", "👍 ", " 👍", "👍a", // more than one grapheme cluster
            "\uD83D", // an unpaired surrogate
            "\u200D", "\uFE0F" // lone components
    })
    void anythingElse_isNotAReaction(String candidate) {
        assertThat(Emoji.isValid(candidate)).as(String.valueOf(candidate)).isFalse();
        assertThatThrownBy(() -> new Emoji(candidate))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REACTION));
    }

    @org.junit.jupiter.api.Test
    void oneGraphemeLongerThanTheLimit_isNotAReaction() {
        String chain = "👨" + "\u200D👩".repeat(20);

        assertThat(chain.length()).isGreaterThan(Emoji.MAX_LENGTH);
        assertThat(Emoji.isValid(chain)).isFalse();
    }
}
