package io.parley.query.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.conversation.ConversationArchivedEvent;
import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.ConversationIds;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationMutedEvent;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.conversation.MemberRoleChangedEvent;
import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageHiddenEvent;
import io.parley.kernel.message.MessageRemovedEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.message.ReactionRemovedEvent;

/**
 * Events of one conversation as the {@code Conversation} aggregate emits them (membership, gap-free seq, the owner's
 * successor on leaving), with a clock that ticks one second per event at millisecond precision (MongoDB's).
 * {@link #drain()} hands out the events not yet handed out, to append or to project.
 */
public final class ConversationLog {

    public static final String AGGREGATE = "Conversation";

    private final String conversationId;
    private final Map<String, MemberRole> members = new LinkedHashMap<>();
    private final Map<String, Long> seqs = new HashMap<>();
    private final List<Object> pending = new ArrayList<>();
    private Instant clock;
    private long lastSeq;

    private ConversationLog(String conversationId, Instant start) {
        this.conversationId = conversationId;
        this.clock = start.truncatedTo(ChronoUnit.MILLIS);
    }

    public static ConversationLog group(String owner, String name, List<String> others, Instant start) {
        ConversationLog log = new ConversationLog(UUID.randomUUID().toString(), start);
        List<ConversationMember> initial = new ArrayList<>();
        initial.add(new ConversationMember(owner, MemberRole.OWNER));
        others.stream().filter(id -> !id.equals(owner)).sorted()
                .forEach(id -> initial.add(new ConversationMember(id, MemberRole.MEMBER)));
        initial.forEach(m -> log.members.put(m.userId(), m.role()));
        log.pending.add(new ConversationCreatedEvent(log.conversationId, ConversationType.GROUP, name, owner, initial,
                log.tick()));
        return log;
    }

    public static ConversationLog direct(String initiator, String other, Instant start) {
        ConversationLog log = new ConversationLog(ConversationIds.direct(initiator, other), start);
        log.members.put(initiator, MemberRole.MEMBER);
        log.members.put(other, MemberRole.MEMBER);
        log.pending.add(new ConversationCreatedEvent(log.conversationId, ConversationType.DIRECT, null, initiator,
                List.of(new ConversationMember(initiator, MemberRole.MEMBER),
                        new ConversationMember(other, MemberRole.MEMBER)), log.tick()));
        return log;
    }

    public String id() {
        return conversationId;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public Instant now() {
        return clock;
    }

    /** Lets time pass before the next event. */
    public ConversationLog advance(Duration duration) {
        clock = clock.plus(duration);
        return this;
    }

    /** The members now, in joining order. */
    public List<String> members() {
        return List.copyOf(members.keySet());
    }

    public long seqOf(String messageId) {
        return seqs.get(messageId);
    }

    public String send(String senderId, String text) {
        return send(senderId, text, null, Set.of());
    }

    public String send(String senderId, String text, String replyTo, Set<String> mentions) {
        String messageId = UUID.randomUUID().toString();
        long seq = ++lastSeq;
        seqs.put(messageId, seq);
        pending.add(new MessageSentEvent(conversationId, messageId, seq, senderId, UUID.randomUUID().toString(), text,
                replyTo, mentions, tick()));
        return messageId;
    }

    /** A message with attachments (their metadata, as command-api puts it into the event). */
    public String send(String senderId, String text, List<Attachment> attachments) {
        String messageId = UUID.randomUUID().toString();
        long seq = ++lastSeq;
        seqs.put(messageId, seq);
        pending.add(new MessageSentEvent(conversationId, messageId, seq, senderId, UUID.randomUUID().toString(), text,
                null, Set.of(), tick(), attachments));
        return messageId;
    }

    public ConversationLog edit(String messageId, String editorId, String text) {
        pending.add(new MessageEditedEvent(conversationId, messageId, seqs.get(messageId), editorId, text, tick()));
        return this;
    }

    public ConversationLog deleteForEveryone(String messageId, String actorId) {
        pending.add(new MessageDeletedEvent(conversationId, messageId, seqs.get(messageId), actorId, tick()));
        return this;
    }

    /** A service ADMIN's removal (no membership needed). */
    public ConversationLog removeByAdmin(String messageId, String adminId) {
        pending.add(new MessageRemovedEvent(conversationId, messageId, seqs.get(messageId), adminId, tick()));
        return this;
    }

    public ConversationLog archive(String adminId) {
        pending.add(new ConversationArchivedEvent(conversationId, adminId, tick()));
        return this;
    }

    public ConversationLog hide(String messageId, String userId) {
        pending.add(new MessageHiddenEvent(conversationId, messageId, seqs.get(messageId), userId, tick()));
        return this;
    }

    public ConversationLog react(String messageId, String userId, String emoji) {
        pending.add(new ReactionAddedEvent(conversationId, messageId, seqs.get(messageId), userId, emoji, tick()));
        return this;
    }

    public ConversationLog unreact(String messageId, String userId, String emoji) {
        pending.add(new ReactionRemovedEvent(conversationId, messageId, seqs.get(messageId), userId, emoji, tick()));
        return this;
    }

    public ConversationLog read(String userId, long upToSeq) {
        pending.add(new ConversationReadEvent(conversationId, userId, upToSeq, tick()));
        return this;
    }

    public ConversationLog mute(String userId, boolean muted) {
        pending.add(new ConversationMutedEvent(conversationId, userId, muted, tick()));
        return this;
    }

    public ConversationLog add(String userId, String actorId) {
        members.put(userId, MemberRole.MEMBER);
        pending.add(new MemberAddedEvent(conversationId, userId, MemberRole.MEMBER, actorId, lastSeq, tick()));
        return this;
    }

    public ConversationLog remove(String userId, String actorId) {
        MemberRole role = members.remove(userId);
        boolean leaving = userId.equals(actorId);
        pending.add(new MemberRemovedEvent(conversationId, userId, actorId, leaving, tick()));
        if (leaving && role == MemberRole.OWNER && !members.isEmpty()) {
            String next = members.entrySet().stream().filter(e -> e.getValue() == MemberRole.ADMIN)
                    .map(Map.Entry::getKey).findFirst().orElse(members.keySet().iterator().next());
            changeRole(next, MemberRole.OWNER, userId);
        }
        return this;
    }

    public ConversationLog changeRole(String userId, MemberRole role, String actorId) {
        members.put(userId, role);
        pending.add(new MemberRoleChangedEvent(conversationId, userId, role, actorId, tick()));
        return this;
    }

    public ConversationLog details(String name, String topic, String actorId) {
        pending.add(new ConversationDetailsChangedEvent(conversationId, actorId, name, topic, tick()));
        return this;
    }

    /** The events since the last drain, in order. */
    public Object[] drain() {
        Object[] events = pending.toArray();
        pending.clear();
        return events;
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }
}
