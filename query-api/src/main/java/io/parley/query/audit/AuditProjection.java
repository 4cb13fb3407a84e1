package io.parley.query.audit;

import io.parley.kernel.account.UserDeactivatedEvent;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserReactivatedEvent;
import io.parley.kernel.conversation.ConversationArchivedEvent;
import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRoleChangedEvent;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageRemovedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log: moderation (admin actions), membership and role changes, deletions. A projection rather than a
 * read of the event store because the filters (actor, conversation, time) need indexes, and the store's payloads
 * are serialized blobs with none, in both event store modes; it is rebuildable like every projection. Sends,
 * edits, reactions and reads are not audited: they are the hot path, and their content is the users' own.
 */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
class AuditProjection {

    static final String PROCESSING_GROUP = "audit-log";

    private final MongoTemplate mongo;

    AuditProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(UserDeactivatedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.USER_DEACTIVATED, event.deactivatedBy(), Target.user(event.userId()));
    }

    @EventHandler
    void on(UserReactivatedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.USER_REACTIVATED, event.reactivatedBy(), Target.user(event.userId()));
    }

    @EventHandler
    void on(UserDeletedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.USER_DELETED, event.userId(), Target.user(event.userId()));
    }

    @EventHandler
    void on(ConversationCreatedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.CONVERSATION_CREATED, event.creatorId(),
                Target.conversation(event.conversationId()));
    }

    @EventHandler
    void on(ConversationDetailsChangedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.CONVERSATION_DETAILS_CHANGED, event.changedBy(),
                Target.conversation(event.conversationId()));
    }

    @EventHandler
    void on(ConversationArchivedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.CONVERSATION_ARCHIVED, event.archivedBy(),
                Target.conversation(event.conversationId()));
    }

    @EventHandler
    void on(MemberAddedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.MEMBER_ADDED, event.addedBy(),
                Target.member(event.conversationId(), event.userId(), event.role().name()));
    }

    @EventHandler
    void on(MemberRemovedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, event.left() ? AuditAction.MEMBER_LEFT : AuditAction.MEMBER_REMOVED, event.removedBy(),
                Target.member(event.conversationId(), event.userId(), null));
    }

    @EventHandler
    void on(MemberRoleChangedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.MEMBER_ROLE_CHANGED, event.changedBy(),
                Target.member(event.conversationId(), event.userId(), event.role().name()));
    }

    @EventHandler
    void on(MessageDeletedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.MESSAGE_DELETED, event.deletedBy(),
                Target.message(event.conversationId(), event.messageId(), event.seq()));
    }

    @EventHandler
    void on(MessageRemovedEvent event, EventMessage<?> message, TrackingToken token) {
        save(message, token, AuditAction.MESSAGE_REMOVED, event.removedBy(),
                Target.message(event.conversationId(), event.messageId(), event.seq()));
    }

    // save() replaces the document with the same id: a redelivered event writes what it wrote before.
    private void save(EventMessage<?> message, TrackingToken token, AuditAction action, String actorId, Target target) {
        Long position = token == null ? null : token.position().stream().boxed().findFirst().orElse(null);
        mongo.save(new AuditEntryDocument(message.getIdentifier(), message.getTimestamp(), position, action, actorId,
                target.userId(), target.conversationId(), target.messageId(), target.seq(), target.role()));
    }

    /** What an action was done to. */
    private record Target(String userId, String conversationId, String messageId, Long seq, String role) {

        static Target user(String userId) {
            return new Target(userId, null, null, null, null);
        }

        static Target conversation(String conversationId) {
            return new Target(null, conversationId, null, null, null);
        }

        static Target member(String conversationId, String userId, String role) {
            return new Target(userId, conversationId, null, null, role);
        }

        static Target message(String conversationId, String messageId, long seq) {
            return new Target(null, conversationId, messageId, seq, null);
        }
    }
}
