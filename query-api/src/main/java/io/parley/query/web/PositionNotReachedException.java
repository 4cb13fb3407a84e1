package io.parley.query.web;

import java.time.Duration;

import io.parley.kernel.error.ErrorCode;

/** The projections did not reach the position a client asked for within the wait. */
class PositionNotReachedException extends ErrorCodeException {

    private final Duration retryAfter;

    PositionNotReachedException(long position, Duration retryAfter) {
        super(ErrorCode.POSITION_NOT_REACHED,
                "The read models have not reached position " + position + " yet; retry shortly.");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
