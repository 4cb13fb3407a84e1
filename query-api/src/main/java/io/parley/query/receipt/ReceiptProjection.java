package io.parley.query.receipt;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.query.live.LiveChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Read markers per member, keyed by conversation and user, guarded by the aggregate sequence number. A marker that
 * moved is published ({@link ReceiptMoved}), as is a member's removal, which ends their receipts subscriptions
 * ({@link ReceiptsEnded}).
 */
@Component
@ProcessingGroup(ReceiptProjection.PROCESSING_GROUP)
class ReceiptProjection {

    static final String PROCESSING_GROUP = "receipt-view";

    private final MongoTemplate mongo;
    private final LiveChanges live;

    ReceiptProjection(MongoTemplate mongo, LiveChanges live) {
        this.mongo = mongo;
        this.live = live;
    }

    @EventHandler
    void on(ConversationCreatedEvent event, @SequenceNumber long sequence) {
        event.members().forEach(member -> mongo.upsert(
                query(where("_id").is(ReceiptDocument.id(event.conversationId(), member.userId()))), new Update()
                        .setOnInsert(ReceiptDocument.CONVERSATION_ID, event.conversationId())
                        .setOnInsert(ReceiptDocument.USER_ID, member.userId())
                        .setOnInsert(ReceiptDocument.LAST_READ_SEQ, 0L)
                        .setOnInsert(ReceiptDocument.ACTIVE, true)
                        .setOnInsert(ReceiptDocument.SEQUENCE, sequence),
                ReceiptDocument.class));
    }

    @EventHandler
    void on(MemberAddedEvent event, @SequenceNumber long sequence) {
        String id = ReceiptDocument.id(event.conversationId(), event.userId());
        ReceiptDocument current = mongo.findById(id, ReceiptDocument.class);
        if (current != null && current.sequence() >= sequence) {
            return;
        }
        mongo.upsert(query(where("_id").is(id)), new Update()
                        .set(ReceiptDocument.CONVERSATION_ID, event.conversationId())
                        .set(ReceiptDocument.USER_ID, event.userId())
                        .set(ReceiptDocument.LAST_READ_SEQ, event.readUpToSeq())
                        .set(ReceiptDocument.ACTIVE, true)
                        .set(ReceiptDocument.SEQUENCE, sequence),
                ReceiptDocument.class);
    }

    @EventHandler
    void on(MemberRemovedEvent event, @SequenceNumber long sequence) {
        update(event.conversationId(), event.userId(), sequence, new Update().set(ReceiptDocument.ACTIVE, false));
        live.publish(new ReceiptsEnded(event.conversationId(), event.userId()));
    }

    @EventHandler
    void on(ConversationReadEvent event, @SequenceNumber long sequence) {
        if (update(event.conversationId(), event.userId(), sequence,
                new Update().max(ReceiptDocument.LAST_READ_SEQ, event.upToSeq()))) {
            // A read marker never moves back: the event's is the member's marker now.
            live.publish(new ReceiptMoved(event.conversationId(), event.userId(), event.upToSeq()));
        }
    }

    private boolean update(String conversationId, String userId, long sequence, Update update) {
        return mongo.updateFirst(query(where("_id").is(ReceiptDocument.id(conversationId, userId))
                        .and(ReceiptDocument.SEQUENCE).lt(sequence)),
                update.set(ReceiptDocument.SEQUENCE, sequence), ReceiptDocument.class).getMatchedCount() > 0;
    }
}
