package io.parley.query.timetravel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.parley.kernel.conversation.ConversationArchivedEvent;
import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.ConversationEvent;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationMutedEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberAsOfView;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.conversation.MemberRoleChangedEvent;
import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessageRemovedEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.MessageView;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.message.ReactionRemovedEvent;
import io.parley.kernel.privacy.Erased;

/**
 * A conversation folded from its events in order, the way its projections fold them, but in memory and for one
 * request: what it looked like after the last event applied. Events of other shapes (none today) are ignored.
 */
final class ConversationPast {

    private final String conversationId;
    private ConversationType type;
    private String name;
    private String topic;
    private Instant createdAt;
    private Instant archivedAt;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final TreeMap<Long, Message> messages = new TreeMap<>();

    ConversationPast(String conversationId) {
        this.conversationId = conversationId;
    }

    boolean exists() {
        return createdAt != null;
    }

    ConversationType type() {
        return type;
    }

    String name() {
        return name;
    }

    String topic() {
        return topic;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant archivedAt() {
        return archivedAt;
    }

    boolean isMember(String userId) {
        return members.containsKey(userId);
    }

    List<MemberAsOfView> members() {
        return members.entrySet().stream()
                .map(member -> new MemberAsOfView(member.getKey(), member.getValue().role, member.getValue().joinedAt))
                .toList();
    }

    /** The messages the user saw then (not those they had deleted for themselves), ascending by seq. */
    List<MessageView> visibleTo(String userId) {
        return messages.values().stream()
                .filter(message -> !message.hiddenFor.contains(userId))
                .map(Message::view)
                .toList();
    }

    void apply(Object event) {
        switch (event) {
            case ConversationEvent change -> apply(change);
            case MessageEvent message -> apply(message);
            default -> {
            }
        }
    }

    private void apply(ConversationEvent event) {
        switch (event) {
            case ConversationCreatedEvent created -> {
                type = created.type();
                name = created.name();
                createdAt = created.createdAt();
                for (ConversationMember member : created.members()) {
                    members.put(member.userId(), new Member(member.role(), created.createdAt()));
                }
            }
            case ConversationDetailsChangedEvent changed -> {
                if (changed.name() != null) {
                    name = changed.name();
                }
                if (changed.topic() != null) {
                    topic = changed.topic().isEmpty() ? null : changed.topic();
                }
            }
            case MemberAddedEvent added -> members.put(added.userId(), new Member(added.role(), added.addedAt()));
            case MemberRemovedEvent removed -> members.remove(removed.userId());
            case MemberRoleChangedEvent changed -> {
                Member member = members.get(changed.userId());
                if (member != null) {
                    member.role = changed.role();
                }
            }
            case ConversationArchivedEvent archived -> archivedAt = archived.archivedAt();
            case ConversationMutedEvent ignored -> {
            }
            case ConversationReadEvent ignored -> {
            }
        }
    }

    private void apply(MessageEvent event) {
        if (event instanceof MessageSentEvent sent) {
            Message message = new Message(sent);
            if (Erased.is(sent.text())) {
                message.delete();
            }
            messages.putIfAbsent(sent.seq(), message);
            return;
        }
        Message message = messages.get(event.seq());
        if (message == null || !message.messageId.equals(event.messageId())) {
            return;
        }
        switch (event) {
            case MessageSentEvent ignored -> {
            }
            case MessageEditedEvent edited when Erased.is(edited.text()) -> message.delete();
            case MessageEditedEvent edited -> {
                if (!message.deleted) {
                    message.text = edited.text();
                    message.editedAt = edited.editedAt();
                }
            }
            case MessageDeletedEvent ignored -> message.delete();
            case MessageRemovedEvent ignored -> message.delete();
            case MessageHiddenEvent hidden -> message.hiddenFor.add(hidden.userId());
            case ReactionAddedEvent added -> {
                if (!message.deleted) {
                    List<String> users = message.reactions.computeIfAbsent(added.emoji(), emoji -> new ArrayList<>());
                    if (!users.contains(added.userId())) {
                        users.add(added.userId());
                    }
                }
            }
            case ReactionRemovedEvent removed -> {
                List<String> users = message.reactions.get(removed.emoji());
                if (users != null) {
                    users.remove(removed.userId());
                    if (users.isEmpty()) {
                        message.reactions.remove(removed.emoji());
                    }
                }
            }
        }
    }

    private static final class Member {
        private MemberRole role;
        private final Instant joinedAt;

        private Member(MemberRole role, Instant joinedAt) {
            this.role = role;
            this.joinedAt = joinedAt;
        }
    }

    private final class Message {
        private final String messageId;
        private final long seq;
        private final String senderId;
        private final Instant createdAt;
        private final String replyToMessageId;
        private final List<String> mentions;
        private List<Attachment> attachments;
        private String text;
        private Instant editedAt;
        private boolean deleted;
        private final Map<String, List<String>> reactions = new LinkedHashMap<>();
        private final Set<String> hiddenFor = new HashSet<>();

        private Message(MessageSentEvent sent) {
            messageId = sent.messageId();
            seq = sent.seq();
            senderId = sent.senderId();
            createdAt = sent.sentAt();
            replyToMessageId = sent.replyToMessageId();
            mentions = sent.mentions().stream().sorted().toList();
            attachments = sent.attachments();
            text = sent.text();
        }

        /** Deleted for everyone: the seq stays, text, reactions and attachments go, as in the read models. */
        private void delete() {
            deleted = true;
            text = null;
            reactions.clear();
            attachments = List.of();
        }

        private MessageView view() {
            Map<String, List<String>> reactionsNow = new LinkedHashMap<>();
            reactions.forEach((emoji, users) -> reactionsNow.put(emoji, List.copyOf(users)));
            return new MessageView(messageId, conversationId, seq, senderId, text, createdAt, editedAt, deleted,
                    replyToMessageId, mentions, reactionsNow, attachments);
        }
    }
}
