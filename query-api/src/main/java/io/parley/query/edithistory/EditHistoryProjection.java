package io.parley.query.edithistory;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;

import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessageRemovedEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.privacy.Erased;
import io.parley.kernel.projection.BatchedWrites;
import io.parley.query.edithistory.EditHistoryDocument.Version;
import io.parley.query.projection.Sent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Edit history per message. The original is inserted once; an edit is appended only while the document's sequence
 * is below the event's, so a redelivered edit is not appended twice.
 */
@Component
@ProcessingGroup(EditHistoryProjection.PROCESSING_GROUP)
class EditHistoryProjection {

    static final String PROCESSING_GROUP = "edit-history-view";

    private final MongoTemplate mongo;
    private final BatchedWrites<Sent> sends;

    EditHistoryProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.sends = new BatchedWrites<>(BatchedWrites.bulkInsertsOnce(mongo, EditHistoryDocument.class,
                sent -> sent.event().messageId(), EditHistoryProjection::original));
    }

    /** The original, inserted once ($setOnInsert), a batch's sends in one bulk write when it commits. */
    @EventHandler
    void on(MessageSentEvent event, @SequenceNumber long sequence) {
        sends.add(event.conversationId(), new Sent(event, sequence));
    }

    private static Update original(Sent sent) {
        MessageSentEvent event = sent.event();
        return new Update()
                .setOnInsert(EditHistoryDocument.CONVERSATION_ID, event.conversationId())
                .setOnInsert(EditHistoryDocument.SEQ, event.seq())
                .setOnInsert(EditHistoryDocument.VERSIONS, sent.erased() ? List.of()
                        : List.of(new Version(event.text(), null, event.sentAt(), event.senderId())))
                .setOnInsert(EditHistoryDocument.DELETED, sent.erased())
                .setOnInsert(EditHistoryDocument.HIDDEN_FOR, List.of())
                .setOnInsert(EditHistoryDocument.SEQUENCE, sent.sequence());
    }

    @EventHandler
    void on(MessageEditedEvent event, @SequenceNumber long sequence) {
        if (Erased.is(event.text())) {
            on(event.asDeletion(), sequence);
            return;
        }
        sends.flush();
        mongo.updateFirst(query(where("_id").is(event.messageId())
                        .and(EditHistoryDocument.SEQUENCE).lt(sequence)
                        .and(EditHistoryDocument.DELETED).is(false)),
                new Update()
                        .push(EditHistoryDocument.VERSIONS,
                                new Version(event.text(), event.editedAt(), event.editedAt(), event.editorId()))
                        .set(EditHistoryDocument.SEQUENCE, sequence),
                EditHistoryDocument.class);
    }

    /** An ADMIN's removal reads as a deletion for everyone. */
    @EventHandler
    void on(MessageRemovedEvent event, @SequenceNumber long sequence) {
        on(event.asDeletion(), sequence);
    }

    @EventHandler
    void on(MessageDeletedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        mongo.updateFirst(query(where("_id").is(event.messageId())), new Update()
                        .set(EditHistoryDocument.VERSIONS, List.of())
                        .set(EditHistoryDocument.DELETED, true)
                        .max(EditHistoryDocument.SEQUENCE, sequence),
                EditHistoryDocument.class);
    }

    @EventHandler
    void on(MessageHiddenEvent event) {
        sends.flush();
        mongo.updateFirst(query(where("_id").is(event.messageId())),
                new Update().addToSet(EditHistoryDocument.HIDDEN_FOR, event.userId()), EditHistoryDocument.class);
    }
}
