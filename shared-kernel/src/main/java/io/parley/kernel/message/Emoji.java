package io.parley.kernel.message;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;

/**
 * A reaction: exactly one emoji, compared as sent (no normalisation). The rule, checked with the JDK's Unicode data:
 * <ol>
 * <li>1 to {@value #MAX_LENGTH} UTF-16 code units (the longest standard emoji, a couple with two skin tones, has 15);</li>
 * <li>exactly one extended grapheme cluster (Unicode UAX #29, as {@code \X} in {@link Pattern});</li>
 * <li>every code point has the Unicode property Emoji or Emoji_Component (ZWJ, U+FE0F, skin tones, tags, keycap);</li>
 * <li>it is presented as an emoji: a flag (two regional indicators), a keycap ({@code #}, {@code *} or a digit,
 * optionally U+FE0F, then U+20E3), or a code point with Emoji and not Emoji_Component that has Emoji_Presentation
 * or is followed by U+FE0F or by a skin tone modifier.</li>
 * </ol>
 * So "👍", "👍🏽", "❤️", "👨‍👩‍👧", "🇩🇪", "1️⃣" and "🏴󠁧󠁢󠁳󠁣󠁴󠁿" are reactions; "a", "1", "❤" without U+FE0F (a text
 * symbol), "©", a lone skin tone, a lone regional indicator, "👍👍" and " 👍" are not. The Unicode data is the
 * running JDK's (Java 21: Unicode 15.0), so an emoji newer than that is rejected until the JDK is upgraded.
 */
public record Emoji(String value) {

    public static final int MAX_LENGTH = 32;

    private static final Pattern ONE_GRAPHEME = Pattern.compile("\\X");
    private static final int EMOJI_PRESENTATION_SELECTOR = 0xFE0F;
    private static final int COMBINING_KEYCAP = 0x20E3;

    public Emoji {
        if (!isValid(value)) {
            throw new DomainException(ErrorCode.INVALID_REACTION, "A reaction is a single emoji");
        }
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        Matcher grapheme = ONE_GRAPHEME.matcher(candidate);
        if (!grapheme.lookingAt() || grapheme.end() != candidate.length()) {
            return false;
        }
        int[] codePoints = candidate.codePoints().toArray();
        for (int codePoint : codePoints) {
            if (!Character.isEmoji(codePoint) && !Character.isEmojiComponent(codePoint)) {
                return false;
            }
        }
        return presentedAsEmoji(codePoints);
    }

    private static boolean presentedAsEmoji(int[] codePoints) {
        int first = codePoints[0];
        int second = codePoints.length > 1 ? codePoints[1] : -1;
        if (isRegionalIndicator(first)) {
            return codePoints.length == 2 && isRegionalIndicator(second);
        }
        if (first == '#' || first == '*' || (first >= '0' && first <= '9')) {
            return codePoints.length == 2 && second == COMBINING_KEYCAP
                    || codePoints.length == 3 && second == EMOJI_PRESENTATION_SELECTOR && codePoints[2] == COMBINING_KEYCAP;
        }
        if (!Character.isEmoji(first) || Character.isEmojiComponent(first)) {
            return false;
        }
        return Character.isEmojiPresentation(first) || second == EMOJI_PRESENTATION_SELECTOR
                || second != -1 && Character.isEmojiModifier(second);
    }

    private static boolean isRegionalIndicator(int codePoint) {
        return codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF;
    }
}
