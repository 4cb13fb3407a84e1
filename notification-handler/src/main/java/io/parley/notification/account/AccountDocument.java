package io.parley.notification.account;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One account in this service's own collection. {@code sequence} is the last applied aggregate sequence number,
 * so a redelivered event changes nothing; a deleted account keeps only its id and the flag.
 */
@Document(AccountDocument.COLLECTION)
record AccountDocument(@Id String id, String email, String displayName, boolean emailEnabled, boolean pushEnabled,
                       boolean deleted, long sequence, Boolean deactivated) {

    static final String COLLECTION = "notification_accounts";
    static final String EMAIL = "email";
    static final String DISPLAY_NAME = "displayName";
    static final String EMAIL_ENABLED = "emailEnabled";
    static final String PUSH_ENABLED = "pushEnabled";
    static final String DELETED = "deleted";
    static final String SEQUENCE = "sequence";
    /** Deactivated by an ADMIN: no notifications until reactivated (absent, so null, in older documents). */
    static final String DEACTIVATED = "deactivated";
}
