package io.parley.command.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Request limits (docs/api.md): token buckets of {@code capacity} tokens refilled over {@code period}. */
@ConfigurationProperties("parley.rate-limits")
public record RateLimitProperties(
        @DefaultValue({"10", "15m"}) Limit loginFailuresPerAccount,
        @DefaultValue({"300", "1m"}) Limit authPerIp,
        @DefaultValue({"600", "1m"}) Limit writesPerUser,
        @DefaultValue("100000") int maxTrackedKeys) {

    public record Limit(long capacity, Duration period) {
    }
}
