package io.parley.query.conversation;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationArchivedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRoleChangedEvent;
import io.parley.query.conversation.ConversationDocument.Member;
import io.parley.query.live.LiveChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Conversation details and membership. Keyed by the conversation id; every change after the creation applies only
 * when the document's sequence is below the event's aggregate sequence number, so a redelivery changes nothing.
 * Each applied change is published with the members it leaves ({@link MembershipChanged}, {@link ConversationChanged}).
 */
@Component
@ProcessingGroup(ConversationProjection.PROCESSING_GROUP)
class ConversationProjection {

    static final String PROCESSING_GROUP = "conversation-view";

    private final MongoTemplate mongo;
    private final LiveChanges live;

    ConversationProjection(MongoTemplate mongo, LiveChanges live) {
        this.mongo = mongo;
        this.live = live;
    }

    @EventHandler
    void on(ConversationCreatedEvent event, @SequenceNumber long sequence) {
        List<Member> members = event.members().stream().map(m -> new Member(m.userId(), m.role())).toList();
        mongo.upsert(query(where("_id").is(event.conversationId())), new Update()
                        .setOnInsert(ConversationDocument.TYPE, event.type())
                        .setOnInsert(ConversationDocument.NAME, event.name())
                        .setOnInsert(ConversationDocument.TOPIC, null)
                        .setOnInsert(ConversationDocument.CREATED_AT, event.createdAt())
                        .setOnInsert(ConversationDocument.MEMBERS, members)
                        .setOnInsert(ConversationDocument.MEMBER_IDS, members.stream().map(Member::userId).toList())
                        .setOnInsert(ConversationDocument.SEQUENCE, sequence),
                ConversationDocument.class);
    }

    @EventHandler
    void on(ConversationDetailsChangedEvent event, @SequenceNumber long sequence) {
        Update update = new Update().set(ConversationDocument.SEQUENCE, sequence);
        if (event.name() != null) {
            update.set(ConversationDocument.NAME, event.name());
        }
        if (event.topic() != null) {
            update.set(ConversationDocument.TOPIC, event.topic().isEmpty() ? null : event.topic());
        }
        ConversationDocument changed = mongo.findAndModify(
                query(where("_id").is(event.conversationId()).and(ConversationDocument.SEQUENCE).lt(sequence)),
                update, FindAndModifyOptions.options().returnNew(true), ConversationDocument.class);
        if (changed != null) {
            live.publish(new ConversationChanged(event.conversationId(), changed.memberIds()));
        }
    }

    @EventHandler
    void on(ConversationArchivedEvent event, @SequenceNumber long sequence) {
        ConversationDocument changed = mongo.findAndModify(
                query(where("_id").is(event.conversationId()).and(ConversationDocument.SEQUENCE).lt(sequence)),
                new Update().set(ConversationDocument.SEQUENCE, sequence)
                        .set(ConversationDocument.ARCHIVED_AT, event.archivedAt()),
                FindAndModifyOptions.options().returnNew(true), ConversationDocument.class);
        if (changed != null) {
            live.publish(new ConversationChanged(event.conversationId(), changed.memberIds()));
        }
    }

    @EventHandler
    void on(MemberAddedEvent event, @SequenceNumber long sequence) {
        List<String> memberIds = changeMembers(event.conversationId(), sequence, members -> {
            members.removeIf(member -> member.userId().equals(event.userId()));
            members.add(new Member(event.userId(), event.role()));
            return members;
        });
        if (memberIds != null) {
            live.publish(new MembershipChanged(event.conversationId(), event.userId(), true, event.role(),
                    event.addedBy(), false, memberIds));
        }
    }

    @EventHandler
    void on(MemberRemovedEvent event, @SequenceNumber long sequence) {
        List<String> memberIds = changeMembers(event.conversationId(), sequence, members -> {
            members.removeIf(member -> member.userId().equals(event.userId()));
            return members;
        });
        if (memberIds != null) {
            live.publish(new MembershipChanged(event.conversationId(), event.userId(), false, null,
                    event.removedBy(), event.left(), memberIds));
        }
    }

    @EventHandler
    void on(MemberRoleChangedEvent event, @SequenceNumber long sequence) {
        List<String> memberIds = changeMembers(event.conversationId(), sequence, members -> {
            members.replaceAll(member -> member.userId().equals(event.userId())
                    ? new Member(member.userId(), event.role()) : member);
            return members;
        });
        if (memberIds != null) {
            live.publish(new ConversationChanged(event.conversationId(), memberIds));
        }
    }

    /**
     * Reads, changes, writes back only if nobody moved the sequence meanwhile (one processor thread writes here);
     * the member ids after the change, or null when it did not apply.
     */
    private List<String> changeMembers(String conversationId, long sequence, UnaryOperator<List<Member>> change) {
        ConversationDocument current = mongo.findById(conversationId, ConversationDocument.class);
        if (current == null || current.sequence() >= sequence) {
            return null;
        }
        List<Member> members = change.apply(new ArrayList<>(current.members()));
        List<String> memberIds = members.stream().map(Member::userId).toList();
        boolean applied = mongo.updateFirst(query(where("_id").is(conversationId)
                                .and(ConversationDocument.SEQUENCE).is(current.sequence())),
                        new Update()
                                .set(ConversationDocument.MEMBERS, members)
                                .set(ConversationDocument.MEMBER_IDS, memberIds)
                                .set(ConversationDocument.SEQUENCE, sequence),
                        ConversationDocument.class).getMatchedCount() > 0;
        return applied ? memberIds : null;
    }
}
