package io.parley.notification.presence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param livePrefix the prefix of query-api's live exchanges; presence comes on the fanout {@code <livePrefix>.presence}
 */
@ConfigurationProperties("parley.notifications.presence")
public record PresenceProperties(String livePrefix) {

    public PresenceProperties {
        if (livePrefix == null || !livePrefix.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("parley.notifications.presence.live-prefix must be a plain name, was: "
                    + livePrefix);
        }
    }

    String exchange() {
        return livePrefix + ".presence";
    }
}
