package io.parley.query.live;

/** A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up. */
final class RateLimit {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    RateLimit(double perSecond, int burst) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
