package io.parley.query.user;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One user's profile as the reads need it. {@code displayNameLower} and {@code emailLower} back the
 * case-insensitive prefix search (on real MongoDB and the wire server alike, no collations);
 * {@code sequence} is the last applied aggregate sequence number, so a redelivered event changes nothing.
 * {@code emailNotifications} and {@code pushNotifications} are null until the user changes them: on by default.
 */
@Document(UserDocument.COLLECTION)
record UserDocument(@Id String id, String email, String emailLower, String displayName, String displayNameLower,
                    String bio, String avatarUrl, Instant createdAt, boolean deleted, Instant deletedAt,
                    Boolean emailNotifications, Boolean pushNotifications, long sequence) {

    static final String COLLECTION = "users";
    static final String EMAIL = "email";
    static final String EMAIL_LOWER = "emailLower";
    static final String DISPLAY_NAME = "displayName";
    static final String DISPLAY_NAME_LOWER = "displayNameLower";
    static final String BIO = "bio";
    static final String AVATAR_URL = "avatarUrl";
    static final String CREATED_AT = "createdAt";
    static final String DELETED = "deleted";
    static final String DELETED_AT = "deletedAt";
    static final String EMAIL_NOTIFICATIONS = "emailNotifications";
    static final String PUSH_NOTIFICATIONS = "pushNotifications";
    static final String SEQUENCE = "sequence";
}
