package io.parley.kernel.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText}. */
public class PlainTextValidator implements ConstraintValidator<PlainText, String> {

    private boolean multiline;

    @Override
    public void initialize(PlainText annotation) {
        multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || isPlainText(value, multiline);
    }

    public static boolean isPlainText(String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            } else if (multiline ? !allowedInText(c) : !allowedInLine(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowedInText(char c) {
        return Character.getType(c) != Character.CONTROL || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean allowedInLine(char c) {
        return Character.getType(c) != Character.CONTROL && !isBidiControl(c);
    }

    /** Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069); marks such as U+200F stay allowed. */
    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
