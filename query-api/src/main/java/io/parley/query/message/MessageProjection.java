package io.parley.query.message;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageChangeType;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.MessageView;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.message.ReactionRemovedEvent;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.message.MessageDocument.Reaction;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The message history. A send inserts once ($setOnInsert); every later change to a message applies only while the
 * message's sequence is below the event's aggregate sequence number (hiding is a set addition, idempotent as is).
 * <p>
 * Every change that actually applied is emitted to the live streams ({@link StreamMessagesQuery}) of the
 * conversation, as the message now is, after the batch committed (Axon defers emits to after-commit): a
 * redelivered event changes nothing and emits nothing. A member's removal ends that member's streams here, in
 * order with the messages, so the removed member gets every message before the removal and none after it.
 */
@Component
@ProcessingGroup(MessageProjection.PROCESSING_GROUP)
class MessageProjection {

    static final String PROCESSING_GROUP = "message-view";

    private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;

    MessageProjection(MongoTemplate mongo, QueryUpdateEmitter updates) {
        this.mongo = mongo;
        this.updates = updates;
    }

    @EventHandler
    void on(MessageSentEvent event, @SequenceNumber long sequence) {
        List<String> mentions = event.mentions().stream().sorted().toList();
        var result = mongo.upsert(query(where("_id").is(event.messageId())), new Update()
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
                        .setOnInsert(MessageDocument.SEQUENCE, sequence),
                MessageDocument.class);
        if (result.getUpsertedId() != null) {
            // As the document reads back: MongoDB keeps milliseconds.
            MessageView created = new MessageView(event.messageId(), event.conversationId(), event.seq(),
                    event.senderId(), event.text(), event.sentAt().truncatedTo(ChronoUnit.MILLIS), null, false,
                    event.replyToMessageId(), mentions, Map.of());
            updates.emit(StreamMessagesQuery.class, stream -> stream.conversationId().equals(event.conversationId()),
                    new MessageChange(MessageChangeType.CREATED, event.conversationId(), created, sequence));
        }
    }

    @EventHandler
    void on(MessageEditedEvent event, @SequenceNumber long sequence) {
        change(MessageChangeType.EDITED, newer(event.messageId(), sequence)
                .addCriteria(where(MessageDocument.DELETED).is(false)), new Update()
                .set(MessageDocument.TEXT, event.text())
                .set(MessageDocument.EDITED_AT, event.editedAt())
                .set(MessageDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(MessageDeletedEvent event, @SequenceNumber long sequence) {
        change(MessageChangeType.DELETED, newer(event.messageId(), sequence), new Update()
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
        change(MessageChangeType.REACTION_ADDED, newer(event.messageId(), sequence)
                .addCriteria(where(MessageDocument.DELETED).is(false)), new Update()
                .addToSet(MessageDocument.REACTIONS, new Reaction(event.emoji(), event.userId()))
                .set(MessageDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(ReactionRemovedEvent event, @SequenceNumber long sequence) {
        change(MessageChangeType.REACTION_REMOVED, newer(event.messageId(), sequence), new Update()
                .pull(MessageDocument.REACTIONS, new Reaction(event.emoji(), event.userId()))
                .set(MessageDocument.SEQUENCE, sequence));
    }

    /** Nothing to store; a replay must not end the streams of members who have since come back. */
    @EventHandler
    void on(MemberRemovedEvent event, ReplayStatus replay) {
        if (replay.isReplay()) {
            return;
        }
        updates.emit(StreamMessagesQuery.class, stream -> stream.conversationId().equals(event.conversationId())
                        && stream.userId().equals(event.userId()),
                new MessageChange(MessageChangeType.MEMBER_REMOVED, event.conversationId(), null, 0));
    }

    /** Applies the update if its guard holds and emits the message as it is now; nothing if it did not apply. */
    private void change(MessageChangeType type, Query guard, Update update) {
        MessageDocument changed = mongo.findAndModify(guard, update, RETURN_NEW, MessageDocument.class);
        if (changed == null) {
            return;
        }
        // Members who deleted the message for themselves do not see its later changes either.
        updates.emit(StreamMessagesQuery.class, stream -> stream.conversationId().equals(changed.conversationId())
                        && !MessageReader.hiddenFor(changed, stream.userId()),
                new MessageChange(type, changed.conversationId(), MessageReader.view(changed), changed.sequence()));
    }

    private static Query newer(String messageId, long sequence) {
        return query(where("_id").is(messageId).and(MessageDocument.SEQUENCE).lt(sequence));
    }
}
