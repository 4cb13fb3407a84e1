package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void tryAcquire_allowsABurstOfCapacity_thenSaysHowLongToWait() {
        RateLimiter limiter = new RateLimiter(new RateLimitProperties.Limit(3, Duration.ofMinutes(1)), 100);

        assertThat(limiter.tryAcquire("a")).isEmpty();
        assertThat(limiter.tryAcquire("a")).isEmpty();
        assertThat(limiter.tryAcquire("a")).isEmpty();

        assertThat(limiter.tryAcquire("a")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20)));
        assertThat(limiter.tryAcquire("b")).isEmpty();
    }

    @Test
    void waitTime_doesNotTakeAToken() {
        RateLimiter limiter = new RateLimiter(new RateLimitProperties.Limit(1, Duration.ofMinutes(15)), 100);

        assertThat(limiter.waitTime("a")).isEmpty();
        assertThat(limiter.waitTime("a")).isEmpty();
        limiter.tryAcquire("a");

        assertThat(limiter.waitTime("a")).isPresent();
    }

    @Test
    void acquire_throwsRateLimited_withRetryAfterInWholeSeconds() {
        RateLimiter limiter = new RateLimiter(new RateLimitProperties.Limit(1, Duration.ofMinutes(1)), 100);
        limiter.acquire("a");

        assertThatThrownBy(() -> limiter.acquire("a"))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        limited -> assertThat(limited.retryAfterSeconds()).isBetween(1L, 60L));
    }

    @Test
    void trackedKeys_areBounded() {
        RateLimiter limiter = new RateLimiter(new RateLimitProperties.Limit(1, Duration.ofMinutes(1)), 10);

        for (int key = 0; key < 1000; key++) {
            limiter.tryAcquire("key-" + key);
        }

        assertThat(limiter.trackedKeys()).isEqualTo(10);
    }
}
