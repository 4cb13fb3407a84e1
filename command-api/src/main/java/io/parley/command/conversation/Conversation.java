package io.parley.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.parley.command.contact.BlockList;
import io.parley.kernel.conversation.AddMemberCommand;
import io.parley.kernel.conversation.ArchiveConversationCommand;
import io.parley.kernel.conversation.ChangeConversationDetailsCommand;
import io.parley.kernel.conversation.ChangeMemberRoleCommand;
import io.parley.kernel.conversation.ConversationArchivedEvent;
import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.ConversationIds;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationMutedEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.CreateGroupCommand;
import io.parley.kernel.conversation.DirectConversationOpened;
import io.parley.kernel.conversation.MarkConversationReadCommand;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.conversation.MemberRoleChangedEvent;
import io.parley.kernel.conversation.MuteConversationCommand;
import io.parley.kernel.conversation.OpenDirectConversationCommand;
import io.parley.kernel.conversation.RemoveMemberCommand;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.AddReactionCommand;
import io.parley.kernel.message.DeleteMessageCommand;
import io.parley.kernel.message.DeletionScope;
import io.parley.kernel.message.EditMessageCommand;
import io.parley.kernel.message.Emoji;
import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.AuthorizeAttachmentUploadCommand;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessageRemovedEvent;
import io.parley.kernel.message.MessageSent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.MessageText;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.message.ReactionRemovedEvent;
import io.parley.kernel.message.RemoveMessageCommand;
import io.parley.kernel.message.RemoveReactionCommand;
import io.parley.kernel.message.SendMessageCommand;
import io.parley.kernel.message.SendMessagesCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A direct or group conversation: who is in it with which role, and the seq of its last message. Per-message facts
 * live in the {@link MessageLedger}, so the state (and a snapshot of it) does not grow with the history.
 */
@Aggregate(snapshotTriggerDefinition = ConversationConfiguration.SNAPSHOT_TRIGGER, cache = ConversationConfiguration.CACHE)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class Conversation {

    static final int NAME_MAX_LENGTH = Conversations.NAME_MAX_LENGTH;
    static final int TOPIC_MAX_LENGTH = Conversations.TOPIC_MAX_LENGTH;
    static final int CLIENT_MESSAGE_ID_MAX_LENGTH = Conversations.CLIENT_MESSAGE_ID_MAX_LENGTH;

    @AggregateIdentifier
    private String conversationId;
    private ConversationType type;
    // In joining order: ownership passes to the longest-standing admin, else member, when the owner leaves.
    // Not final: the snapshot serializer (Jackson) restores it by assignment.
    private Map<String, Member> members = new LinkedHashMap<>();
    private long lastSeq;
    private boolean archived;

    record Member(MemberRole role, long lastReadSeq) {
    }

    Conversation() {
    }

    /** Nobody starts a group with someone they blocked or who blocked them (as for direct conversations). */
    @CommandHandler
    Conversation(CreateGroupCommand command, BlockList blockList) {
        String name = validName(command.name());
        if (blockList.blockedEitherWayWithAny(command.creatorId(), command.memberIds())) {
            throw new DomainException(ErrorCode.BLOCKED, "A group is not possible with a user blocked either way");
        }
        List<ConversationMember> initial = new ArrayList<>();
        initial.add(new ConversationMember(command.creatorId(), MemberRole.OWNER));
        command.memberIds().stream()
                .filter(userId -> !userId.equals(command.creatorId()))
                .sorted()
                .forEach(userId -> initial.add(new ConversationMember(userId, MemberRole.MEMBER)));
        apply(new ConversationCreatedEvent(command.conversationId(), ConversationType.GROUP, name, command.creatorId(),
                initial, now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    DirectConversationOpened handle(OpenDirectConversationCommand command, BlockList blockList) {
        String initiator = command.initiatorId();
        String other = command.otherUserId();
        if (initiator.equals(other)) {
            throw new DomainException(ErrorCode.CANNOT_TARGET_SELF, "A direct conversation is with someone else");
        }
        if (!command.conversationId().equals(ConversationIds.direct(initiator, other))) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Not the id of these users' direct conversation");
        }
        boolean exists = type != null;
        if (exists) {
            requireMember(initiator);
        }
        if (blockList.blockedEitherWay(initiator, other)) {
            throw new DomainException(ErrorCode.BLOCKED, "A direct conversation is not possible between these users");
        }
        if (!exists) {
            apply(new ConversationCreatedEvent(command.conversationId(), ConversationType.DIRECT, null, initiator,
                    List.of(new ConversationMember(initiator, MemberRole.MEMBER),
                            new ConversationMember(other, MemberRole.MEMBER)),
                    now()));
        }
        return new DirectConversationOpened(command.conversationId(), !exists);
    }

    @CommandHandler
    void handle(ChangeConversationDetailsCommand command) {
        Member actor = requireMember(command.actorId());
        requireGroup();
        requireRole(actor, MemberRole.OWNER, MemberRole.ADMIN);
        requireNotArchived();
        String name = command.name() == null ? null : validName(command.name());
        String topic = command.topic() == null ? null : validTopic(command.topic());
        if (name != null || topic != null) {
            apply(new ConversationDetailsChangedEvent(conversationId, command.actorId(), name, topic, now()));
        }
    }

    @CommandHandler
    void handle(AddMemberCommand command, BlockList blockList) {
        Member actor = requireMember(command.actorId());
        requireGroup();
        requireRole(actor, MemberRole.OWNER, MemberRole.ADMIN);
        requireNotArchived();
        if (members.containsKey(command.userId())) {
            throw new DomainException(ErrorCode.ALREADY_MEMBER, "Already a member");
        }
        // The actor's own block relations only: a blocked user cannot pull the blocker into a group, while a group
        // may still hold two members who blocked each other when a third person added them.
        if (blockList.blockedEitherWay(command.actorId(), command.userId())) {
            throw new DomainException(ErrorCode.BLOCKED, "Not possible with a user blocked either way");
        }
        apply(new MemberAddedEvent(conversationId, command.userId(), MemberRole.MEMBER, command.actorId(), lastSeq, now()));
    }

    @CommandHandler
    void handle(RemoveMemberCommand command) {
        Member actor = requireMember(command.actorId());
        requireGroup();
        boolean leaving = command.actorId().equals(command.userId());
        if (!leaving) {
            requireRole(actor, MemberRole.OWNER, MemberRole.ADMIN);
            Member target = requireTarget(command.userId());
            if (actor.role() == MemberRole.ADMIN && target.role() != MemberRole.MEMBER) {
                throw new DomainException(ErrorCode.INSUFFICIENT_ROLE, "An admin removes members only");
            }
        }
        apply(new MemberRemovedEvent(conversationId, command.userId(), command.actorId(), leaving, now()));
        if (leaving && actor.role() == MemberRole.OWNER) {
            successor().ifPresent(next ->
                    apply(new MemberRoleChangedEvent(conversationId, next, MemberRole.OWNER, command.actorId(), now())));
        }
    }

    @CommandHandler
    void handle(ChangeMemberRoleCommand command) {
        Member actor = requireMember(command.actorId());
        requireGroup();
        requireRole(actor, MemberRole.OWNER);
        requireNotArchived();
        Member target = requireTarget(command.userId());
        if (command.role() == null || command.role() == MemberRole.OWNER || target.role() == MemberRole.OWNER) {
            throw new DomainException(ErrorCode.INVALID_ROLE_CHANGE, "A member becomes ADMIN or MEMBER; the owner stays owner");
        }
        if (target.role() != command.role()) {
            apply(new MemberRoleChangedEvent(conversationId, command.userId(), command.role(), command.actorId(), now()));
        }
    }

    @CommandHandler
    void handle(MuteConversationCommand command) {
        requireMember(command.userId());
        apply(new ConversationMutedEvent(conversationId, command.userId(), command.muted(), now()));
    }

    @CommandHandler
    void handle(MarkConversationReadCommand command) {
        Member reader = requireMember(command.userId());
        if (command.upToSeq() < 0 || command.upToSeq() > lastSeq) {
            throw new DomainException(ErrorCode.SEQ_OUT_OF_RANGE, "upToSeq is between 0 and " + lastSeq);
        }
        if (command.upToSeq() > reader.lastReadSeq()) {
            apply(new ConversationReadEvent(conversationId, command.userId(), command.upToSeq(), now()));
        }
    }

    @CommandHandler
    MessageSent handle(SendMessageCommand command, MessageLedger ledger, BlockList blockList) {
        requireMember(command.senderId());
        String clientMessageId = command.clientMessageId();
        if (clientMessageId == null || clientMessageId.isBlank() || clientMessageId.length() > CLIENT_MESSAGE_ID_MAX_LENGTH) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "clientMessageId has 1 to " + CLIENT_MESSAGE_ID_MAX_LENGTH + " characters");
        }
        // Recorded first, so a send costs one statement here: a retry finds its original in the conflict; a send the
        // checks below refuse rolls back with its transaction, record included.
        long seq = lastSeq + 1;
        if (!ledger.record(new RecordedMessage(conversationId, command.messageId(), seq, command.senderId(), clientMessageId,
                false))) {
            return retried(ledger.findByClientMessageId(command.senderId(), clientMessageId).orElseThrow());
        }
        requireNotArchived();
        if (command.attachmentIds().size() > SendMessageCommand.MAX_ATTACHMENTS) {
            throw new DomainException(ErrorCode.INVALID_ATTACHMENT,
                    "A message has at most " + SendMessageCommand.MAX_ATTACHMENTS + " attachments");
        }
        String text = MessageText.of(command.text(), !command.attachmentIds().isEmpty());
        if (command.replyToMessageId() != null) {
            ledger.find(conversationId, command.replyToMessageId())
                    .filter(target -> !target.deleted())
                    .orElseThrow(() -> new DomainException(ErrorCode.INVALID_REPLY_TARGET,
                            "A reply is to a message of this conversation that was not deleted"));
        }
        if (!members.keySet().containsAll(command.mentions())) {
            throw new DomainException(ErrorCode.MENTION_NOT_MEMBER, "Only members of the conversation can be mentioned");
        }
        if (type == ConversationType.DIRECT && blockList.blockedEitherWay(command.senderId(), otherMember(command.senderId()))) {
            throw new DomainException(ErrorCode.BLOCKED, "Messages are not possible between these users");
        }
        // After the record: a concurrent retry of this send was answered as a retry above, not refused as taking
        // attachments; one statement, and only for a message with attachments.
        List<Attachment> attachments = ledger.claimAttachments(conversationId, command.senderId(), command.messageId(),
                command.attachmentIds());
        apply(new MessageSentEvent(conversationId, command.messageId(), seq, command.senderId(), clientMessageId,
                text, command.replyToMessageId(), command.mentions(), now(), attachments));
        return new MessageSent(command.messageId(), seq, false);
    }

    /**
     * Each message as {@link #handle(SendMessageCommand, MessageLedger, BlockList)} sends it alone, in order, in this one
     * unit of work: a retry within the batch finds the first in the ledger, and a refused message fails the whole batch
     * (its transaction rolls back, ledger records included).
     */
    @CommandHandler
    List<MessageSent> handle(SendMessagesCommand batch, MessageLedger ledger, BlockList blockList) {
        List<MessageSent> sent = new ArrayList<>(batch.messages().size());
        for (SendMessageCommand message : batch.messages()) {
            sent.add(handle(message, ledger, blockList));
        }
        return sent;
    }

    /** Appends nothing: only members upload to a conversation. */
    @CommandHandler
    void handle(AuthorizeAttachmentUploadCommand command) {
        requireMember(command.uploaderId());
    }

    @CommandHandler
    void handle(EditMessageCommand command, MessageLedger ledger) {
        requireMember(command.editorId());
        requireNotArchived();
        RecordedMessage message = requireMessage(ledger, command.messageId());
        if (!message.senderId().equals(command.editorId())) {
            throw new DomainException(ErrorCode.NOT_MESSAGE_AUTHOR, "Only its author edits a message");
        }
        requireNotDeleted(message);
        MessageText text = new MessageText(command.text());
        apply(new MessageEditedEvent(conversationId, message.messageId(), message.seq(), command.editorId(), text.value(),
                now()));
    }

    @CommandHandler
    void handle(DeleteMessageCommand command, MessageLedger ledger) {
        Member actor = requireMember(command.actorId());
        RecordedMessage message = requireMessage(ledger, command.messageId());
        if (command.scope() == null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "scope is EVERYONE or ME");
        }
        if (command.scope() == DeletionScope.ME) {
            apply(new MessageHiddenEvent(conversationId, message.messageId(), message.seq(), command.actorId(), now()));
            return;
        }
        if (!message.senderId().equals(command.actorId()) && actor.role() == MemberRole.MEMBER) {
            throw new DomainException(ErrorCode.NOT_MESSAGE_AUTHOR,
                    "Only its author, an owner or an admin deletes a message for everyone");
        }
        if (!message.deleted()) {
            ledger.markDeleted(message.messageId());
            apply(new MessageDeletedEvent(conversationId, message.messageId(), message.seq(), command.actorId(), now()));
        }
    }

    @CommandHandler
    void handle(AddReactionCommand command, MessageLedger ledger) {
        requireMember(command.userId());
        requireNotArchived();
        RecordedMessage message = requireMessage(ledger, command.messageId());
        Emoji emoji = new Emoji(command.emoji());
        requireNotDeleted(message);
        if (ledger.addReaction(message.messageId(), command.userId(), emoji.value())) {
            apply(new ReactionAddedEvent(conversationId, message.messageId(), message.seq(), command.userId(), emoji.value(),
                    now()));
        }
    }

    @CommandHandler
    void handle(RemoveReactionCommand command, MessageLedger ledger) {
        requireMember(command.userId());
        requireNotArchived();
        RecordedMessage message = requireMessage(ledger, command.messageId());
        Emoji emoji = new Emoji(command.emoji());
        if (ledger.removeReaction(message.messageId(), command.userId(), emoji.value())) {
            apply(new ReactionRemovedEvent(conversationId, message.messageId(), message.seq(), command.userId(),
                    emoji.value(), now()));
        }
    }

    /**
     * A service ADMIN's moderation (the web layer checks the role): no membership needed; the read models show the
     * message as deleted for everyone. Removing a deleted message changes nothing.
     */
    @CommandHandler
    void handle(RemoveMessageCommand command, MessageLedger ledger) {
        RecordedMessage message = requireMessage(ledger, command.messageId());
        if (!message.deleted()) {
            ledger.markDeleted(message.messageId());
            apply(new MessageRemovedEvent(conversationId, message.messageId(), message.seq(), command.actorId(), now()));
        }
    }

    /** A service ADMIN's moderation: the history stays readable, nothing new is written to it. Idempotent. */
    @CommandHandler
    void handle(ArchiveConversationCommand command) {
        if (!archived) {
            apply(new ConversationArchivedEvent(conversationId, command.actorId(), now()));
        }
    }

    @EventSourcingHandler
    void on(ConversationArchivedEvent event) {
        archived = true;
    }

    @EventSourcingHandler
    void on(ConversationCreatedEvent event) {
        conversationId = event.conversationId();
        type = event.type();
        event.members().forEach(member -> members.put(member.userId(), new Member(member.role(), 0)));
    }

    @EventSourcingHandler
    void on(MemberAddedEvent event) {
        members.put(event.userId(), new Member(event.role(), event.readUpToSeq()));
    }

    @EventSourcingHandler
    void on(MemberRemovedEvent event) {
        members.remove(event.userId());
    }

    @EventSourcingHandler
    void on(MemberRoleChangedEvent event) {
        members.computeIfPresent(event.userId(), (userId, member) -> new Member(event.role(), member.lastReadSeq()));
    }

    @EventSourcingHandler
    void on(ConversationReadEvent event) {
        members.computeIfPresent(event.userId(), (userId, member) -> new Member(member.role(), event.upToSeq()));
    }

    @EventSourcingHandler
    void on(MessageSentEvent event) {
        lastSeq = event.seq();
    }

    // Non-members get the answer an unknown id gets, so conversation ids do not leak; checked before anything else.
    private Member requireMember(String userId) {
        Member member = userId == null ? null : members.get(userId);
        if (member == null) {
            throw Conversations.notFound(conversationId);
        }
        return member;
    }

    private void requireNotArchived() {
        if (archived) {
            throw new DomainException(ErrorCode.CONVERSATION_ARCHIVED, "The conversation was archived by an administrator");
        }
    }

    private void requireGroup() {
        if (type != ConversationType.GROUP) {
            throw new DomainException(ErrorCode.NOT_ALLOWED_IN_DIRECT_CONVERSATION,
                    "A direct conversation keeps its two members and has no name or roles");
        }
    }

    private static void requireRole(Member actor, MemberRole... allowed) {
        for (MemberRole role : allowed) {
            if (actor.role() == role) {
                return;
            }
        }
        throw new DomainException(ErrorCode.INSUFFICIENT_ROLE, "Needs role " + List.of(allowed));
    }

    private Member requireTarget(String userId) {
        Member target = members.get(userId);
        if (target == null) {
            throw new DomainException(ErrorCode.MEMBER_NOT_FOUND, "Not a member: " + userId);
        }
        return target;
    }

    private RecordedMessage requireMessage(MessageLedger ledger, String messageId) {
        return ledger.find(conversationId, messageId)
                .orElseThrow(() -> new DomainException(ErrorCode.MESSAGE_NOT_FOUND, "No message " + messageId));
    }

    private static void requireNotDeleted(RecordedMessage message) {
        if (message.deleted()) {
            throw new DomainException(ErrorCode.MESSAGE_DELETED, "The message was deleted");
        }
    }

    private MessageSent retried(RecordedMessage earlier) {
        if (!earlier.conversationId().equals(conversationId)) {
            throw new DomainException(ErrorCode.CLIENT_MESSAGE_ID_REUSED,
                    "This clientMessageId was used for a message in another conversation");
        }
        return new MessageSent(earlier.messageId(), earlier.seq(), true);
    }

    private Optional<String> successor() {
        return members.entrySet().stream().filter(entry -> entry.getValue().role() == MemberRole.ADMIN).findFirst()
                .or(() -> members.entrySet().stream().findFirst())
                .map(Map.Entry::getKey);
    }

    private String otherMember(String userId) {
        return members.keySet().stream().filter(member -> !member.equals(userId)).findFirst().orElse(userId);
    }

    private static String validName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > NAME_MAX_LENGTH) {
            throw new DomainException(ErrorCode.INVALID_CONVERSATION_NAME, "A name has 1 to " + NAME_MAX_LENGTH + " characters");
        }
        return stripped;
    }

    private static String validTopic(String topic) {
        String stripped = topic.strip();
        if (stripped.codePointCount(0, stripped.length()) > TOPIC_MAX_LENGTH) {
            throw new DomainException(ErrorCode.INVALID_TOPIC, "A topic has at most " + TOPIC_MAX_LENGTH + " characters");
        }
        return stripped;
    }

    // The event message clock: the test fixture fixes it.
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
