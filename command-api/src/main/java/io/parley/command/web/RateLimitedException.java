package io.parley.command.web;

import java.time.Duration;

/** A rate limit is used up; answered 429 with {@code Retry-After}. */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("rate limited", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, at least one. */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
