package io.parley.notification.presence;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The last presence change of a user; {@code changedAt} orders changes that arrive out of order. */
@Document(PresenceDocument.COLLECTION)
record PresenceDocument(@Id String id, boolean online, Instant lastSeenAt, Instant changedAt) {

    static final String COLLECTION = "notification_presence";
    static final String ONLINE = "online";
    static final String LAST_SEEN_AT = "lastSeenAt";
    static final String CHANGED_AT = "changedAt";
}
