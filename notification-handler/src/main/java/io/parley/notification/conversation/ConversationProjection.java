package io.parley.notification.conversation;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationMutedEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRoleChangedEvent;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageRemovedEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.projection.BatchedWrites;
import io.parley.kernel.projection.DirectBulk;
import io.parley.notification.NotificationProcessing;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Builds the conversation read model of the notifiers in a processing group of its own (in the processor of the
 * notifiers that read it, see {@code NotificationProcessing}). Idempotent: membership changes are guarded by the
 * aggregate sequence number, messages are keyed by conversation and seq, and {@code unreadSince} is recomputed from
 * the message ledger, so applying an event again (or replaying all of them) ends in the same documents. A batch's
 * sends are written together when it commits ({@link BatchedWrites}: two round trips, not two per message), and
 * before any other event of the batch is applied, as that may read or guard on them.
 */
@Component
@ProcessingGroup(NotificationProcessing.CONVERSATION_READ_MODEL)
class ConversationProjection {

    private final MongoTemplate mongo;
    private final ConversationDirectory directory;
    private final BatchedWrites<MessageSentEvent> sends = new BatchedWrites<>(this::write);

    ConversationProjection(MongoTemplate mongo, ConversationDirectory directory) {
        this.mongo = mongo;
        this.directory = directory;
    }

    @EventHandler
    void on(ConversationCreatedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        mongo.upsert(query(where("_id").is(event.conversationId())), new Update()
                        .setOnInsert("type", event.type())
                        .setOnInsert(ConversationDocument.NAME, event.name())
                        .setOnInsert(ConversationDocument.SEQUENCE, sequence),
                ConversationDocument.class);
        directory.conversationChanged(event.conversationId());
        for (ConversationMember member : event.members()) {
            mongo.upsert(query(where("_id").is(MemberDocument.id(event.conversationId(), member.userId()))), new Update()
                            .setOnInsert(MemberDocument.CONVERSATION_ID, event.conversationId())
                            .setOnInsert(MemberDocument.USER_ID, member.userId())
                            .setOnInsert(MemberDocument.ROLE, member.role())
                            .setOnInsert(MemberDocument.MUTED, false)
                            .setOnInsert(MemberDocument.LEFT, false)
                            .setOnInsert(MemberDocument.LAST_READ_SEQ, 0L)
                            .setOnInsert(MemberDocument.SEQUENCE, sequence),
                    MemberDocument.class);
        }
        directory.membersChanged(event.conversationId());
    }

    @EventHandler
    void on(ConversationDetailsChangedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        if (event.name() != null) {
            mongo.updateFirst(query(where("_id").is(event.conversationId())
                            .and(ConversationDocument.SEQUENCE).lt(sequence)),
                    new Update().set(ConversationDocument.NAME, event.name()).set(ConversationDocument.SEQUENCE, sequence),
                    ConversationDocument.class);
            directory.conversationChanged(event.conversationId());
        }
    }

    @EventHandler
    void on(MemberAddedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        // A member who comes back starts afresh: history before counts as read, nothing muted.
        String id = MemberDocument.id(event.conversationId(), event.userId());
        try {
            mongo.upsert(query(where("_id").is(id).and(MemberDocument.SEQUENCE).lt(sequence)), new Update()
                            .set(MemberDocument.CONVERSATION_ID, event.conversationId())
                            .set(MemberDocument.USER_ID, event.userId())
                            .set(MemberDocument.ROLE, event.role())
                            .set(MemberDocument.MUTED, false)
                            .set(MemberDocument.LEFT, false)
                            .set(MemberDocument.LAST_READ_SEQ, event.readUpToSeq())
                            .unset(MemberDocument.UNREAD_SINCE)
                            .set(MemberDocument.SEQUENCE, sequence),
                    MemberDocument.class);
        } catch (DuplicateKeyException newerChangeApplied) {
            // the document exists with a later change: this one is old news
        }
        directory.membersChanged(event.conversationId());
        directory.refreshUnread(id);
    }

    @EventHandler
    void on(MemberRemovedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        member(event.conversationId(), event.userId(), sequence, new Update()
                .set(MemberDocument.LEFT, true)
                .unset(MemberDocument.UNREAD_SINCE));
        directory.membersChanged(event.conversationId());
    }

    @EventHandler
    void on(MemberRoleChangedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        member(event.conversationId(), event.userId(), sequence, new Update().set(MemberDocument.ROLE, event.role()));
    }

    @EventHandler
    void on(ConversationMutedEvent event, @SequenceNumber long sequence) {
        sends.flush();
        member(event.conversationId(), event.userId(), sequence, new Update().set(MemberDocument.MUTED, event.muted()));
        directory.membersChanged(event.conversationId());
    }

    @EventHandler
    void on(ConversationReadEvent event, @SequenceNumber long sequence) {
        sends.flush();
        member(event.conversationId(), event.userId(), sequence,
                new Update().max(MemberDocument.LAST_READ_SEQ, event.upToSeq()));
        directory.refreshUnread(MemberDocument.id(event.conversationId(), event.userId()));
    }

    @EventHandler
    void on(MessageSentEvent event) {
        sends.add(event.conversationId(), event);
    }

    /**
     * A batch's sends: their ledger records in one bulk, and, in a second, ordered as the events were, for each send
     * the members who had read everything and now have something unread since it.
     */
    private void write(Map<String, List<MessageSentEvent>> pending) {
        DirectBulk records = DirectBulk.unordered(mongo, MessageRecord.class);
        DirectBulk unread = DirectBulk.ordered(mongo, MemberDocument.class);
        pending.values().forEach(sends -> sends.forEach(event -> {
            records.upsert(query(where("_id").is(MessageRecord.id(event.conversationId(), event.seq()))), new Update()
                    .setOnInsert(MessageRecord.CONVERSATION_ID, event.conversationId())
                    .setOnInsert(MessageRecord.SEQ, event.seq())
                    .setOnInsert("messageId", event.messageId())
                    .setOnInsert(MessageRecord.SENDER_ID, event.senderId())
                    .setOnInsert(MessageRecord.SENT_AT, event.sentAt())
                    .setOnInsert(MessageRecord.DELETED, false)
                    .setOnInsert(MessageRecord.HIDDEN_FOR, List.of()));
            unread.updateMulti(query(where(MemberDocument.CONVERSATION_ID).is(event.conversationId())
                            .and(MemberDocument.USER_ID).ne(event.senderId())
                            .and(MemberDocument.LEFT).is(false)
                            .and(MemberDocument.LAST_READ_SEQ).lt(event.seq())
                            .and(MemberDocument.UNREAD_SINCE).is(null)),
                    new Update().set(MemberDocument.UNREAD_SINCE, event.sentAt()));
        }));
        records.execute();
        unread.execute();
    }

    /** An ADMIN's removal reads as a deletion for everyone. */
    @EventHandler
    void on(MessageRemovedEvent event) {
        on(event.asDeletion());
    }

    @EventHandler
    void on(MessageDeletedEvent event) {
        sends.flush();
        mongo.updateFirst(query(where("_id").is(MessageRecord.id(event.conversationId(), event.seq()))),
                new Update().set(MessageRecord.DELETED, true), MessageRecord.class);
        for (MemberDocument member : mongo.find(query(where(MemberDocument.CONVERSATION_ID).is(event.conversationId())
                .and(MemberDocument.LAST_READ_SEQ).lt(event.seq())
                .and(MemberDocument.UNREAD_SINCE).ne(null)), MemberDocument.class)) {
            directory.refreshUnread(member.id());
        }
    }

    @EventHandler
    void on(MessageHiddenEvent event) {
        sends.flush();
        mongo.updateFirst(query(where("_id").is(MessageRecord.id(event.conversationId(), event.seq()))),
                new Update().addToSet(MessageRecord.HIDDEN_FOR, event.userId()), MessageRecord.class);
        directory.refreshUnread(MemberDocument.id(event.conversationId(), event.userId()));
    }

    private void member(String conversationId, String userId, long sequence, Update update) {
        Criteria guard = where("_id").is(MemberDocument.id(conversationId, userId)).and(MemberDocument.SEQUENCE).lt(sequence);
        mongo.updateFirst(query(guard), update.set(MemberDocument.SEQUENCE, sequence), MemberDocument.class);
    }
}
