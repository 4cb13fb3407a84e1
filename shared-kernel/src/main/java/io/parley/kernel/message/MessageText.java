package io.parley.kernel.message;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;

/**
 * The text of a message: leading and trailing whitespace ({@link String#strip()}) removed, then 1 to
 * {@value #MAX_LENGTH} characters, counted as Unicode code points so an emoji counts once whatever its UTF-16 length.
 */
public record MessageText(String value) {

    public static final int MAX_LENGTH = 4000;

    public MessageText {
        value = value == null ? "" : value.strip();
        if (value.isEmpty()) {
            throw new DomainException(ErrorCode.MESSAGE_TEXT_EMPTY, "A message needs some text");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new DomainException(ErrorCode.MESSAGE_TEXT_TOO_LONG,
                    "A message has at most " + MAX_LENGTH + " characters");
        }
    }

    /** The stripped text, which may be empty when the message has attachments; otherwise as {@link MessageText}. */
    public static String of(String value, boolean hasAttachments) {
        String stripped = value == null ? "" : value.strip();
        return stripped.isEmpty() && hasAttachments ? "" : new MessageText(stripped).value();
    }
}
