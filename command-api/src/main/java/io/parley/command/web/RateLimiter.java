package io.parley.command.web;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * One token bucket per key (account, IP, user), in memory. At most {@code maxKeys} buckets are kept, the least
 * recently used going first; losing one only forgets how much of a limit that key had used.
 */
public final class RateLimiter {

    private final RateLimitProperties.Limit limit;
    private final Map<String, Bucket> buckets;

    public RateLimiter(RateLimitProperties.Limit limit, int maxKeys) {
        this.limit = limit;
        this.buckets = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        });
    }

    /** Takes a token; empty when there was one, else how long until there is. */
    public Optional<Duration> tryAcquire(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Like {@link #tryAcquire} without taking the token. */
    public Optional<Duration> waitTime(String key) {
        EstimationProbe probe = bucket(key).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Throws {@link RateLimitedException} when the key has no token left, else takes one. */
    public void acquire(String key) {
        tryAcquire(key).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }

    int trackedKeys() {
        return buckets.size();
    }

    private Bucket bucket(String key) {
        return buckets.computeIfAbsent(key, ignored -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), limit.period()))
                .build());
    }
}
