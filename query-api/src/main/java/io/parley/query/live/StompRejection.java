package io.parley.query.live;

import io.parley.kernel.error.ErrorCode;
import org.springframework.messaging.MessagingException;

/**
 * A client frame refused on arrival; Spring's STOMP handler answers it with an ERROR frame (see {@link StompErrors})
 * and closes the session. A {@link MessagingException} so the channel rethrows it unwrapped.
 */
class StompRejection extends MessagingException {

    private final ErrorCode code;

    StompRejection(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
