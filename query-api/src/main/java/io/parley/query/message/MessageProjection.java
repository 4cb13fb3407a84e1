package io.parley.query.message;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;

import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.message.ReactionRemovedEvent;
import io.parley.query.message.MessageDocument.Reaction;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The message history. A send inserts once ($setOnInsert); every later change to a message applies only while the
 * message's sequence is below the event's aggregate sequence number (hiding is a set addition, idempotent as is),
 * and records that number as the message's {@code sequence}: live delivery (each instance's own processor, see
 * docs/live-delivery.md) reads it to tell which change a message's current state comes from. Nothing is emitted
 * here: this projection runs on one instance, the subscribers are on all of them.
 */
@Component
@ProcessingGroup(MessageProjection.PROCESSING_GROUP)
class MessageProjection {

    static final String PROCESSING_GROUP = "message-view";

    private final MongoTemplate mongo;

    MessageProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(MessageSentEvent event, @SequenceNumber long sequence) {
        List<String> mentions = event.mentions().stream().sorted().toList();
        mongo.upsert(query(where("_id").is(event.messageId())), new Update()
                        .setOnInsert(MessageDocument.CONVERSATION_ID, event.conversationId())
                        .setOnInsert(MessageDocument.SEQ, event.seq())
                        .setOnInsert(MessageDocument.SENDER_ID, event.senderId())
                        .setOnInsert(MessageDocument.TEXT, event.text())
                        .setOnInsert(MessageDocument.CREATED_AT, event.sentAt())
                        .setOnInsert(MessageDocument.EDITED_AT, null)
                        .setOnInsert(MessageDocument.DELETED, false)
                        .setOnInsert(MessageDocument.REPLY_TO, event.replyToMessageId())
                        .setOnInsert(MessageDocument.MENTIONS, mentions)
                        .setOnInsert(MessageDocument.REACTIONS, List.of())
                        .setOnInsert(MessageDocument.HIDDEN_FOR, List.of())
                        .setOnInsert(MessageDocument.SEQUENCE, sequence)
                        .setOnInsert(MessageDocument.KEY, SeqKeys.key(event.conversationId(), event.seq())),
                MessageDocument.class);
    }

    @EventHandler
    void on(MessageEditedEvent event, @SequenceNumber long sequence) {
        change(newer(event.messageId(), sequence)
                .addCriteria(where(MessageDocument.DELETED).is(false)), new Update()
                .set(MessageDocument.TEXT, event.text())
                .set(MessageDocument.EDITED_AT, event.editedAt())
                .set(MessageDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(MessageDeletedEvent event, @SequenceNumber long sequence) {
        change(newer(event.messageId(), sequence), new Update()
                .set(MessageDocument.DELETED, true)
                .set(MessageDocument.TEXT, null)
                .set(MessageDocument.MENTIONS, List.of())
                .set(MessageDocument.REACTIONS, List.of())
                .set(MessageDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(MessageHiddenEvent event) {
        mongo.updateFirst(query(where("_id").is(event.messageId())),
                new Update().addToSet(MessageDocument.HIDDEN_FOR, event.userId()), MessageDocument.class);
    }

    @EventHandler
    void on(ReactionAddedEvent event, @SequenceNumber long sequence) {
        change(newer(event.messageId(), sequence)
                .addCriteria(where(MessageDocument.DELETED).is(false)), new Update()
                .addToSet(MessageDocument.REACTIONS, new Reaction(event.emoji(), event.userId()))
                .set(MessageDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(ReactionRemovedEvent event, @SequenceNumber long sequence) {
        change(newer(event.messageId(), sequence), new Update()
                .pull(MessageDocument.REACTIONS, new Reaction(event.emoji(), event.userId()))
                .set(MessageDocument.SEQUENCE, sequence));
    }

    /** Applies the update if its guard holds (the message has not seen this event or a later one). */
    private void change(Query guard, Update update) {
        mongo.updateFirst(guard, update, MessageDocument.class);
    }

    private static Query newer(String messageId, long sequence) {
        return query(where("_id").is(messageId).and(MessageDocument.SEQUENCE).lt(sequence));
    }
}
