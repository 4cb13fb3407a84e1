package io.parley.query.contact;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.parley.kernel.contact.ContactRemovedEvent;
import io.parley.kernel.contact.ContactRequestAcceptedEvent;
import io.parley.kernel.contact.ContactRequestRejectedEvent;
import io.parley.kernel.contact.ContactRequestedEvent;
import io.parley.kernel.contact.UserBlockedEvent;
import io.parley.kernel.contact.UserUnblockedEvent;
import io.parley.query.contact.ContactDocument.Block;
import io.parley.query.contact.ContactDocument.State;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * One document per pair, upserted by the pair id and changed only by events newer (by aggregate sequence number)
 * than the last one applied. A block ends the contact and any request; an unblock restores nothing. The blocks in
 * force are kept beside the relationship, so a user can list whom they block.
 */
@Component
@ProcessingGroup(ContactProjection.PROCESSING_GROUP)
class ContactProjection {

    static final String PROCESSING_GROUP = "contact-view";

    private final MongoTemplate mongo;

    ContactProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ContactRequestedEvent event, @SequenceNumber long sequence) {
        apply(event.contactId(), event.requesterId(), event.recipientId(), sequence, new Update()
                .set(ContactDocument.STATE, State.PENDING)
                .set(ContactDocument.REQUESTER_ID, event.requesterId())
                .set(ContactDocument.RECIPIENT_ID, event.recipientId())
                .set(ContactDocument.REQUESTED_AT, event.requestedAt()));
    }

    @EventHandler
    void on(ContactRequestAcceptedEvent event, @SequenceNumber long sequence) {
        apply(event.contactId(), event.requesterId(), event.recipientId(), sequence, ended(State.CONTACTS)
                .set(ContactDocument.SINCE, event.acceptedAt()));
    }

    @EventHandler
    void on(ContactRequestRejectedEvent event, @SequenceNumber long sequence) {
        apply(event.contactId(), event.requesterId(), event.recipientId(), sequence, ended(State.NONE));
    }

    @EventHandler
    void on(ContactRemovedEvent event, @SequenceNumber long sequence) {
        apply(event.contactId(), event.removedBy(), event.removedUserId(), sequence, ended(State.NONE));
    }

    @EventHandler
    void on(UserBlockedEvent event, @SequenceNumber long sequence) {
        apply(event.contactId(), event.blockerId(), event.blockedId(), sequence, current -> ended(State.NONE)
                .set(ContactDocument.BLOCKS, Stream.concat(
                        others(current, event.blockerId()),
                        Stream.of(new Block(event.blockerId(), event.blockedId(), event.blockedAt()))).toList()));
    }

    @EventHandler
    void on(UserUnblockedEvent event, @SequenceNumber long sequence) {
        apply(event.contactId(), event.blockerId(), event.blockedId(), sequence, current -> new Update()
                .set(ContactDocument.BLOCKS, others(current, event.blockerId()).toList()));
    }

    /** The blocks in force other than {@code blockerId}'s. */
    private static Stream<Block> others(ContactDocument current, String blockerId) {
        List<Block> blocks = current == null ? List.of() : current.blocksOrNone();
        return blocks.stream().filter(block -> !block.blockerId().equals(blockerId));
    }

    private static Update ended(State state) {
        return new Update()
                .set(ContactDocument.STATE, state)
                .set(ContactDocument.REQUESTER_ID, null)
                .set(ContactDocument.RECIPIENT_ID, null)
                .set(ContactDocument.REQUESTED_AT, null)
                .set(ContactDocument.SINCE, null);
    }

    private void apply(String contactId, String userA, String userB, long sequence, Update update) {
        apply(contactId, userA, userB, sequence, current -> update);
    }

    private void apply(String contactId, String userA, String userB, long sequence,
                       Function<ContactDocument, Update> change) {
        ContactDocument current = mongo.findById(contactId, ContactDocument.class);
        if (current != null && current.sequence() >= sequence) {
            return;
        }
        Update update = change.apply(current);
        if (!update.modifies(ContactDocument.STATE)) {
            update.setOnInsert(ContactDocument.STATE, State.NONE);
        }
        mongo.upsert(query(where("_id").is(contactId)), update
                        .set(ContactDocument.USER_IDS, Stream.of(userA, userB).sorted().toList())
                        .set(ContactDocument.SEQUENCE, sequence),
                ContactDocument.class);
    }
}
