package io.parley.query.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How instances vouch for their sockets. Each instance renews its lease every {@code heartbeat}; a lease not renewed
 * for {@code lease} is expired, and any instance then takes that instance's sockets out of presence.
 */
@ConfigurationProperties("parley.presence")
record PresenceProperties(@DefaultValue("15s") Duration lease, @DefaultValue("5s") Duration heartbeat) {

    PresenceProperties {
        if (lease == null || heartbeat == null || heartbeat.isZero() || heartbeat.isNegative()
                || heartbeat.multipliedBy(2).compareTo(lease) > 0) {
            throw new IllegalArgumentException("parley.presence.heartbeat must be positive and at most half of lease");
        }
    }
}
