package io.parley.notification.device;

import java.time.Instant;

import io.parley.kernel.account.DevicePlatform;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A push device token of a user. {@code sequence} is the user aggregate's sequence number of the last change, so a
 * redelivered event changes nothing. {@code active} is false once removed by the user or the account's deletion;
 * {@code unregisteredAt} is set when the push service reported the token unknown: the token stays off until the
 * user registers it again later than that.
 */
@Document(DeviceDocument.COLLECTION)
record DeviceDocument(@Id String id, String userId, String token, DevicePlatform platform, boolean active,
                      Instant registeredAt, Instant unregisteredAt, long sequence) {

    static final String COLLECTION = "notification_devices";
    static final String USER_ID = "userId";
    static final String TOKEN = "token";
    static final String PLATFORM = "platform";
    static final String ACTIVE = "active";
    static final String REGISTERED_AT = "registeredAt";
    static final String UNREGISTERED_AT = "unregisteredAt";
    static final String SEQUENCE = "sequence";

    static String id(String userId, String token) {
        return userId + "/" + token;
    }

    boolean usable() {
        return active && (unregisteredAt == null || registeredAt.isAfter(unregisteredAt));
    }
}
