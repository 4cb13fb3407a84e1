package io.parley.notification.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.parley.kernel.account.NotificationPreferencesChangedEvent;
import io.parley.kernel.account.UserDeactivatedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserReactivatedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.privacy.Erased;
import io.parley.notification.NotificationProcessing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Builds the account read model. It shares its processing group with the account notifiers, so a notifier sees
 * every earlier event of the account applied here; unlike them it replays, so a reset rebuilds it. Writes are keyed
 * by user id and guarded by the aggregate sequence number: applying an event again changes nothing.
 */
@Component
@ProcessingGroup(NotificationProcessing.ACCOUNT_NOTIFICATIONS)
class AccountProjection {

    private static final Logger log = LoggerFactory.getLogger(AccountProjection.class);

    private final MongoTemplate mongo;
    private final AccountDirectory directory;

    AccountProjection(MongoTemplate mongo, AccountDirectory directory) {
        this.mongo = mongo;
        this.directory = directory;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long sequence) {
        // $setOnInsert only: a second delivery, or one after the deletion, must not bring anything back.
        Update update = new Update()
                // An erased user's address is not kept even until their deletion is read (it reads as a marker).
                .setOnInsert(AccountDocument.EMAIL, Erased.is(event.email()) ? null : event.email())
                .setOnInsert(AccountDocument.DISPLAY_NAME, event.displayName())
                .setOnInsert(AccountDocument.EMAIL_ENABLED, true)
                .setOnInsert(AccountDocument.PUSH_ENABLED, true)
                .setOnInsert(AccountDocument.DELETED, false)
                .setOnInsert(AccountDocument.SEQUENCE, sequence);
        mongo.upsert(query(where("_id").is(event.userId())), update, AccountDocument.class);
        directory.accountChanged(event.userId());
    }

    @EventHandler
    void on(UserProfileChangedEvent event, @SequenceNumber long sequence) {
        Update update = new Update().set(AccountDocument.SEQUENCE, sequence);
        if (event.displayName() != null) {
            update.set(AccountDocument.DISPLAY_NAME, event.displayName());
        }
        live(event.userId(), sequence, update);
    }

    @EventHandler
    void on(NotificationPreferencesChangedEvent event, @SequenceNumber long sequence) {
        live(event.userId(), sequence, new Update()
                .set(AccountDocument.EMAIL_ENABLED, event.email())
                .set(AccountDocument.PUSH_ENABLED, event.push())
                .set(AccountDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(UserDeactivatedEvent event, @SequenceNumber long sequence) {
        live(event.userId(), sequence, new Update().set(AccountDocument.DEACTIVATED, true)
                .set(AccountDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(UserReactivatedEvent event, @SequenceNumber long sequence) {
        live(event.userId(), sequence, new Update().set(AccountDocument.DEACTIVATED, false)
                .set(AccountDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(UserDeletedEvent event, @SequenceNumber long sequence) {
        // Not guarded by the sequence: erasing is idempotent and must happen whatever came before.
        Update update = new Update()
                .set(AccountDocument.DELETED, true)
                .unset(AccountDocument.EMAIL)
                .unset(AccountDocument.DISPLAY_NAME)
                .max(AccountDocument.SEQUENCE, sequence);
        mongo.upsert(query(where("_id").is(event.userId())), update, AccountDocument.class);
        directory.accountChanged(event.userId());
        log.info("Account {} erased from the notification read model", event.userId());
    }

    private void live(String userId, long sequence, Update update) {
        mongo.updateFirst(query(where("_id").is(userId)
                        .and(AccountDocument.DELETED).is(false)
                        .and(AccountDocument.SEQUENCE).lt(sequence)),
                update, AccountDocument.class);
        directory.accountChanged(userId);
    }
}
