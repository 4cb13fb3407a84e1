package io.parley.notification.device;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.parley.kernel.account.DeviceRegisteredEvent;
import io.parley.kernel.account.DeviceRemovedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.privacy.Erased;
import io.parley.notification.NotificationProcessing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Builds the device read model in a processing group of its own (replayable). Keyed by user and token, guarded by
 * the user aggregate's sequence number. A token the push service reported unknown keeps its {@code unregisteredAt}
 * through a replay, so rebuilding does not bring it back.
 */
@Component
@ProcessingGroup(NotificationProcessing.DEVICE_READ_MODEL)
class DeviceProjection {

    private final MongoTemplate mongo;
    private final DeviceDirectory directory;

    DeviceProjection(MongoTemplate mongo, DeviceDirectory directory) {
        this.mongo = mongo;
        this.directory = directory;
    }

    @EventHandler
    void on(DeviceRegisteredEvent event, @SequenceNumber long sequence) {
        if (Erased.is(event.token())) {
            // Its user was erased (crypto-shredding): there is no device to push to.
            return;
        }
        try {
            mongo.upsert(query(where("_id").is(DeviceDocument.id(event.userId(), event.token()))
                            .and(DeviceDocument.SEQUENCE).lt(sequence)), new Update()
                            .set(DeviceDocument.USER_ID, event.userId())
                            .set(DeviceDocument.TOKEN, event.token())
                            .set(DeviceDocument.PLATFORM, event.platform())
                            .set(DeviceDocument.ACTIVE, true)
                            .set(DeviceDocument.REGISTERED_AT, event.registeredAt())
                            .set(DeviceDocument.SEQUENCE, sequence),
                    DeviceDocument.class);
        } catch (DuplicateKeyException newerChangeApplied) {
            // the device has a later change already
        }
        directory.devicesChanged(event.userId());
    }

    @EventHandler
    void on(DeviceRemovedEvent event, @SequenceNumber long sequence) {
        if (Erased.is(event.token())) {
            return;
        }
        mongo.updateFirst(query(where("_id").is(DeviceDocument.id(event.userId(), event.token()))
                        .and(DeviceDocument.SEQUENCE).lt(sequence)),
                new Update().set(DeviceDocument.ACTIVE, false).set(DeviceDocument.SEQUENCE, sequence),
                DeviceDocument.class);
        directory.devicesChanged(event.userId());
    }

    @EventHandler
    void on(UserDeletedEvent event) {
        mongo.remove(query(where(DeviceDocument.USER_ID).is(event.userId())), DeviceDocument.class);
        directory.devicesChanged(event.userId());
    }
}
