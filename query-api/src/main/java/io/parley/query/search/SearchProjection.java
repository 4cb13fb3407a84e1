package io.parley.query.search;

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
import io.parley.query.projection.Sent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The search words of every message: re-indexed on edit, emptied on delete, guarded by the aggregate sequence. */
@Component
@ProcessingGroup(SearchProjection.PROCESSING_GROUP)
class SearchProjection {

    static final String PROCESSING_GROUP = "message-search";

    private final MongoTemplate mongo;
    private final BatchedWrites<Sent> sends;

    SearchProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.sends = new BatchedWrites<>(BatchedWrites.bulkInsertsOnce(mongo, SearchDocument.class,
                sent -> sent.event().messageId(), SearchProjection::inserted));
    }

    /** Inserted once ($setOnInsert), a batch's sends in one bulk write when it commits. */
    @EventHandler
    void on(MessageSentEvent event, @SequenceNumber long sequence) {
        sends.add(event.conversationId(), new Sent(event, sequence));
    }

    private static Update inserted(Sent sent) {
        MessageSentEvent event = sent.event();
        return new Update()
                .setOnInsert(SearchDocument.CONVERSATION_ID, event.conversationId())
                .setOnInsert(SearchDocument.SEQ, event.seq())
                .setOnInsert(SearchDocument.CREATED_AT, event.sentAt())
                .setOnInsert(SearchDocument.TOKENS, sent.erased() ? List.of() : Tokens.of(event.text()))
                .setOnInsert(SearchDocument.DELETED, sent.erased())
                .setOnInsert(SearchDocument.HIDDEN_FOR, List.of())
                .setOnInsert(SearchDocument.SEQUENCE, sent.sequence());
    }

    @EventHandler
    void on(MessageEditedEvent event, @SequenceNumber long sequence) {
        if (Erased.is(event.text())) {
            on(event.asDeletion(), sequence);
            return;
        }
        sends.flush();
        mongo.updateFirst(query(where("_id").is(event.messageId())
                        .and(SearchDocument.SEQUENCE).lt(sequence)
                        .and(SearchDocument.DELETED).is(false)),
                new Update().set(SearchDocument.TOKENS, Tokens.of(event.text())).set(SearchDocument.SEQUENCE, sequence),
                SearchDocument.class);
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
                        .set(SearchDocument.TOKENS, List.of())
                        .set(SearchDocument.DELETED, true)
                        .max(SearchDocument.SEQUENCE, sequence),
                SearchDocument.class);
    }

    @EventHandler
    void on(MessageHiddenEvent event) {
        sends.flush();
        mongo.updateFirst(query(where("_id").is(event.messageId())),
                new Update().addToSet(SearchDocument.HIDDEN_FOR, event.userId()), SearchDocument.class);
    }
}
