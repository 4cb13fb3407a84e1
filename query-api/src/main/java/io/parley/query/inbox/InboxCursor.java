package io.parley.query.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.parley.query.web.InvalidParameterException;

/**
 * Where an inbox page ends: the last entry's activity time (epoch milliseconds, MongoDB's precision) and conversation
 * id, as {@code base64url("<millis>:<conversationId>")}. Clients treat it as opaque.
 */
record InboxCursor(Instant lastActivityAt, String conversationId) {

    static final String PARAMETER = "cursor";

    String encode() {
        String plain = lastActivityAt.toEpochMilli() + ":" + conversationId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static InboxCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon > 0 && colon < plain.length() - 1) {
                return new InboxCursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                        plain.substring(colon + 1));
            }
        } catch (IllegalArgumentException e) {
            // not Base64, or no number: answered below
        }
        throw new InvalidParameterException(PARAMETER, "is not a cursor this API gave out");
    }
}
