package io.parley.query.user;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Locale;

import io.parley.kernel.account.NotificationPreferencesChangedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.privacy.Erased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The user read model. Every write is keyed by the user id and guarded by the aggregate sequence number, so
 * applying an event again leaves the document as it was; a deletion erases the personal data for good.
 */
@Component
@ProcessingGroup(UserProjection.PROCESSING_GROUP)
class UserProjection {

    static final String PROCESSING_GROUP = "user-view";
    static final String DELETED_DISPLAY_NAME = "Deleted user";
    private static final Logger log = LoggerFactory.getLogger(UserProjection.class);

    private final MongoTemplate mongo;

    UserProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence) {
        // $setOnInsert only: a second delivery, or one after a deletion, must not bring anything back. An erased
        // user (crypto-shredding) reads with no email and "Deleted user" as name until their deletion is applied.
        String email = kept(event.email());
        Update update = new Update()
                .setOnInsert(UserDocument.EMAIL, email)
                .setOnInsert(UserDocument.EMAIL_LOWER, lower(email))
                .setOnInsert(UserDocument.DISPLAY_NAME, event.displayName())
                .setOnInsert(UserDocument.DISPLAY_NAME_LOWER, lower(event.displayName()))
                .setOnInsert(UserDocument.BIO, null)
                .setOnInsert(UserDocument.AVATAR_URL, null)
                .setOnInsert(UserDocument.CREATED_AT, event.registeredAt())
                .setOnInsert(UserDocument.DELETED, false)
                .setOnInsert(UserDocument.DELETED_AT, null)
                .setOnInsert(UserDocument.SEQUENCE, sequence);
        mongo.upsert(query(where("_id").is(event.userId())), update, UserDocument.class);
        log.debug("User {} registered", event.userId());
    }

    @EventHandler
    void on(UserProfileChangedEvent event, @SequenceNumber long sequence) {
        Update update = new Update().set(UserDocument.SEQUENCE, sequence);
        if (event.displayName() != null) {
            update.set(UserDocument.DISPLAY_NAME, event.displayName())
                    .set(UserDocument.DISPLAY_NAME_LOWER, lower(event.displayName()));
        }
        if (kept(event.bio()) != null) {
            update.set(UserDocument.BIO, event.bio());
        }
        if (kept(event.avatarUrl()) != null) {
            update.set(UserDocument.AVATAR_URL, event.avatarUrl());
        }
        mongo.updateFirst(query(where("_id").is(event.userId())
                        .and(UserDocument.DELETED).is(false)
                        .and(UserDocument.SEQUENCE).lt(sequence)),
                update, UserDocument.class);
    }

    @EventHandler
    void on(NotificationPreferencesChangedEvent event, @SequenceNumber long sequence) {
        mongo.updateFirst(query(where("_id").is(event.userId())
                        .and(UserDocument.DELETED).is(false)
                        .and(UserDocument.SEQUENCE).lt(sequence)),
                new Update().set(UserDocument.EMAIL_NOTIFICATIONS, event.email())
                        .set(UserDocument.PUSH_NOTIFICATIONS, event.push())
                        .set(UserDocument.SEQUENCE, sequence),
                UserDocument.class);
    }

    @EventHandler
    void on(UserDeletedEvent event, @SequenceNumber long sequence) {
        // Not guarded by the sequence: erasing is idempotent, and it must happen whatever came before.
        Update update = new Update()
                .set(UserDocument.DELETED, true)
                .set(UserDocument.DELETED_AT, event.deletedAt())
                .set(UserDocument.DISPLAY_NAME, DELETED_DISPLAY_NAME)
                .unset(UserDocument.DISPLAY_NAME_LOWER)
                .unset(UserDocument.EMAIL)
                .unset(UserDocument.EMAIL_LOWER)
                .unset(UserDocument.BIO)
                .unset(UserDocument.AVATAR_URL)
                .unset(UserDocument.EMAIL_NOTIFICATIONS)
                .unset(UserDocument.PUSH_NOTIFICATIONS)
                .max(UserDocument.SEQUENCE, sequence);
        mongo.updateFirst(query(where("_id").is(event.userId())), update, UserDocument.class);
        log.info("User {} erased from the user view", event.userId());
    }

    /** The value, or null (nothing to keep) when it was erased. */
    private static String kept(String value) {
        return Erased.is(value) ? null : value;
    }

    static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
