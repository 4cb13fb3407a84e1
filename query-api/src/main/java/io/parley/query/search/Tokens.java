package io.parley.query.search;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How text becomes search words, the same for messages and queries: Unicode NFKC, lower case (root locale), then
 * maximal runs of letters, digits and combining marks; each word cut to {@value #MAX_TOKEN_LENGTH} code points,
 * duplicates dropped. MongoDB's {@code $text} is not used: the wire server in tests does not support it, and a token
 * array with a multikey index works the same on both.
 */
final class Tokens {

    static final int MAX_TOKEN_LENGTH = 64;

    private Tokens() {
    }

    static List<String> of(String text) {
        if (text == null) {
            return List.of();
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        Set<String> tokens = new LinkedHashSet<>();
        StringBuilder current = new StringBuilder();
        int length = 0;
        for (int i = 0; i < normalised.length(); ) {
            int codePoint = normalised.codePointAt(i);
            i += Character.charCount(codePoint);
            if (isWordPart(codePoint)) {
                if (length < MAX_TOKEN_LENGTH) {
                    current.appendCodePoint(codePoint);
                    length++;
                }
            } else if (!current.isEmpty()) {
                tokens.add(current.toString());
                current.setLength(0);
                length = 0;
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        }
        return List.copyOf(tokens);
    }

    private static boolean isWordPart(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetterOrDigit(codePoint) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
