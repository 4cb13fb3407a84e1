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
import io.parley.kernel.message.MessageRemovedEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.MessageView;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.message.ReactionRemovedEvent;
import io.parley.kernel.privacy.Erased;
import io.parley.kernel.projection.BatchedWrites;
import io.parley.query.live.LiveChanges;
import io.parley.query.message.MessageDocument.Reaction;
import io.parley.query.projection.Sent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The message history, and the changes to it that live streams carry ({@link MessageChanged}). A send inserts once
 * ($setOnInsert; a batch's sends in one bulk write when it commits) and publishes the message as inserted, built
 * from the event; every later change to a message
 * applies only while the message's sequence is below the event's aggregate sequence number (hiding is a set
 * addition, idempotent as is), records that number as the message's {@code sequence}, and publishes the message as
 * the update returned it (one round trip, nothing read back). A change that did not apply (already applied, or to a
 * message deleted for everyone) publishes nothing. A member's removal ends that member's streams, in order with the
 * messages ({@link MessageStreamEnded}). A send with attachments also records, per attachment, where it was sent
 * ({@link AttachmentDocuments}): downloads are looked up by attachment id.
 */
@Component
@ProcessingGroup(MessageProjection.PROCESSING_GROUP)
class MessageProjection {

    static final String PROCESSING_GROUP = "message-view";

    private final MongoTemplate mongo;
    private final LiveChanges live;
    private final BatchedWrites<Sent> sends;
    private final AttachmentDocuments attachments;

    MessageProjection(MongoTemplate mongo, LiveChanges live) {
        this.mongo = mongo;
        this.live = live;
        this.attachments = new AttachmentDocuments(mongo);
        this.sends = new BatchedWrites<>(BatchedWrites.bulkInsertsOnce(mongo, MessageDocument.class,
                sent -> sent.event().messageId(), MessageProjection::inserted));
    }

    @EventHandler
    void on(MessageSentEvent event, @SequenceNumber long sequence) {
        Sent sent = new Sent(event, sequence);
        sends.add(event.conversationId(), sent);
        // As the document reads back: MongoDB keeps milliseconds.
        MessageView created = sent.erased()
                ? new MessageView(event.messageId(), event.conversationId(), event.seq(), event.senderId(), null,
                        event.sentAt().truncatedTo(ChronoUnit.MILLIS), null, true, event.replyToMessageId(),
                        List.of(), Map.of(), List.of())
                : new MessageView(event.messageId(), event.conversationId(), event.seq(), event.senderId(),
                        event.text(), event.sentAt().truncatedTo(ChronoUnit.MILLIS), null, false,
                        event.replyToMessageId(), mentions(event), Map.of(), event.attachments());
        if (!event.attachments().isEmpty() && !sent.erased()) {
            attachments.sent(event);
        }
        live.publish(new MessageChanged(new MessageChange(MessageChangeType.CREATED, event.conversationId(), created,
                sequence), List.of()));
    }

    /** The document of a send, inserted once ($setOnInsert); an erased sender's as a deleted message. */
    private static Update inserted(Sent sent) {
        MessageSentEvent event = sent.event();
        boolean erased = sent.erased();
        return new Update()
                .setOnInsert(MessageDocument.CONVERSATION_ID, event.conversationId())
                .setOnInsert(MessageDocument.SEQ, event.seq())
                .setOnInsert(MessageDocument.SENDER_ID, event.senderId())
                .setOnInsert(MessageDocument.TEXT, erased ? null : event.text())
                .setOnInsert(MessageDocument.CREATED_AT, event.sentAt())
                .setOnInsert(MessageDocument.EDITED_AT, null)
                .setOnInsert(MessageDocument.DELETED, erased)
                .setOnInsert(MessageDocument.REPLY_TO, event.replyToMessageId())
                .setOnInsert(MessageDocument.MENTIONS, erased ? List.of() : mentions(event))
                .setOnInsert(MessageDocument.REACTIONS, List.of())
                .setOnInsert(MessageDocument.HIDDEN_FOR, List.of())
                .setOnInsert(MessageDocument.SEQUENCE, sent.sequence())
                .setOnInsert(MessageDocument.KEY, SeqKeys.key(event.conversationId(), event.seq()))
                .setOnInsert(MessageDocument.ATTACHMENTS, erased ? List.of() : event.attachments());
    }

    private static List<String> mentions(MessageSentEvent event) {
        return event.mentions().stream().sorted().toList();
    }

    @EventHandler
    void on(MessageEditedEvent event, @SequenceNumber long sequence) {
        if (Erased.is(event.text())) {
            on(event.asDeletion(), sequence);
            return;
        }
        sends.flush();
        change(MessageChangeType.EDITED, newer(event.messageId(), sequence)
                .addCriteria(where(MessageDocument.DELETED).is(false)), new Update()
                .set(MessageDocument.TEXT, event.text())
                .set(MessageDocument.EDITED_AT, event.editedAt())
                .set(MessageDocument.SEQUENCE, sequence));
    }

    /** An ADMIN's removal reads as a deletion for everyone. */
    @EventHandler
    void on(MessageRemovedEvent event, @SequenceNumber long sequence) {
        on(event.asDeletion(), sequence);
    }

    @EventHandler
    void on(MessageDeletedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        change(MessageChangeType.DELETED, newer(event.messageId(), sequence), new Update()
                .set(MessageDocument.DELETED, true)
                .set(MessageDocument.TEXT, null)
                .set(MessageDocument.MENTIONS, List.of())
                .set(MessageDocument.REACTIONS, List.of())
                .set(MessageDocument.ATTACHMENTS, List.of())
                .set(MessageDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(MessageHiddenEvent event) {
        sends.flush();
        mongo.updateFirst(query(where("_id").is(event.messageId())),
                new Update().addToSet(MessageDocument.HIDDEN_FOR, event.userId()), MessageDocument.class);
    }

    @EventHandler
    void on(ReactionAddedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        change(MessageChangeType.REACTION_ADDED, newer(event.messageId(), sequence)
                .addCriteria(where(MessageDocument.DELETED).is(false)), new Update()
                .addToSet(MessageDocument.REACTIONS, new Reaction(event.emoji(), event.userId()))
                .set(MessageDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(ReactionRemovedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        change(MessageChangeType.REACTION_REMOVED, newer(event.messageId(), sequence)
                .addCriteria(where(MessageDocument.DELETED).is(false)), new Update()
                .pull(MessageDocument.REACTIONS, new Reaction(event.emoji(), event.userId()))
                .set(MessageDocument.SEQUENCE, sequence));
    }

    @EventHandler
    void on(MemberRemovedEvent event) {
        live.publish(new MessageStreamEnded(event.conversationId(), event.userId()));
    }

    /**
     * Applies the update if its guard holds (the message has not seen this event or a later one) and publishes the
     * message as it became; members who deleted it for themselves are not sent its changes.
     */
    private void change(MessageChangeType type, Query guard, Update update) {
        MessageDocument changed = mongo.findAndModify(guard, update, FindAndModifyOptions.options().returnNew(true),
                MessageDocument.class);
        if (changed != null) {
            live.publish(new MessageChanged(new MessageChange(type, changed.conversationId(),
                    MessageReader.view(changed), changed.sequence()),
                    changed.hiddenFor() == null ? List.of() : List.copyOf(changed.hiddenFor())));
        }
    }

    private static Query newer(String messageId, long sequence) {
        return query(where("_id").is(messageId).and(MessageDocument.SEQUENCE).lt(sequence));
    }
}
