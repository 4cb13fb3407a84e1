package io.parley.notification.conversation;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.kernel.conversation.ConversationType;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Looks conversations, members and unread state up in the notifiers' conversation read model. */
@Component
public class ConversationDirectory {

    /** A conversation: {@code name} is null for a direct one. */
    public record Conversation(String conversationId, ConversationType type, String name) {

        public boolean direct() {
            return type == ConversationType.DIRECT;
        }
    }

    /** A current member and whether they muted the conversation. */
    public record Member(String userId, boolean muted) {
    }

    /** A conversation in which a user has messages of others they have not read, and since when. */
    public record Unread(String conversationId, String userId, Instant since) {
    }

    private final MongoTemplate mongo;
    /**
     * The members of recently active conversations: the push notifier asks for them at every message. The projection
     * forgets a conversation's entry when its membership changes, after writing (a load racing with it ends before
     * the entry is forgotten); the expiry bounds what another instance's changes, made while this one did not hold
     * the processor's segment, could leave behind.
     */
    private final Cache<String, List<Member>> currentMembers = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();
    /** Recently asked conversations (type and name), for the push notifier; forgotten as {@link #currentMembers}. */
    private final Cache<String, Optional<Conversation>> recentConversations = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

    ConversationDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(MemberDocument.class).createIndex(new Index().on(MemberDocument.CONVERSATION_ID, Sort.Direction.ASC));
        mongo.indexOps(MemberDocument.class).createIndex(new Index().on(MemberDocument.USER_ID, Sort.Direction.ASC));
        mongo.indexOps(MemberDocument.class).createIndex(new Index().on(MemberDocument.UNREAD_SINCE, Sort.Direction.ASC));
        mongo.indexOps(MessageRecord.class).createIndex(new Index()
                .on(MessageRecord.CONVERSATION_ID, Sort.Direction.ASC).on(MessageRecord.SEQ, Sort.Direction.ASC));
    }

    /**
     * As {@link #find}, remembered for a few seconds: the push notifier asks at every message that has someone to
     * push to. On the notification processor's thread only, as {@link #members}: the projection forgets a
     * conversation after changing it, so that thread never reads an old state.
     */
    public Optional<Conversation> findInProcessor(String conversationId) {
        return recentConversations.get(conversationId, this::find);
    }

    public Optional<Conversation> find(String conversationId) {
        return Optional.ofNullable(mongo.findById(conversationId, ConversationDocument.class))
                .map(document -> new Conversation(document.id(), document.type(), document.name()));
    }

    /** Who is a member now (not those who left). */
    public List<Member> members(String conversationId) {
        return currentMembers.get(conversationId, this::loadMembers);
    }

    /** Called by the projection after it changed who is a member of the conversation, or who muted it. */
    void membersChanged(String conversationId) {
        currentMembers.invalidate(conversationId);
    }

    /** Called by the projection after it created or renamed the conversation. */
    void conversationChanged(String conversationId) {
        recentConversations.invalidate(conversationId);
    }

    private List<Member> loadMembers(String conversationId) {
        return mongo.find(query(where(MemberDocument.CONVERSATION_ID).is(conversationId).and(MemberDocument.LEFT).is(false)),
                        MemberDocument.class).stream()
                .map(member -> new Member(member.userId(), member.muted()))
                .toList();
    }

    public boolean isMember(String conversationId, String userId) {
        MemberDocument member = mongo.findById(MemberDocument.id(conversationId, userId), MemberDocument.class);
        return member != null && !member.left();
    }

    /** Whether the message at {@code seq} was deleted for everyone or hidden by {@code userId}. */
    public boolean isGoneFor(String conversationId, long seq, String userId) {
        MessageRecord message = mongo.findById(MessageRecord.id(conversationId, seq), MessageRecord.class);
        return message != null && (message.deleted() || message.hiddenFor().contains(userId));
    }

    /** Users of whom some unmuted conversation has had a message unread since {@code before} or earlier. */
    public List<String> usersWithUnreadSince(Instant before) {
        return mongo.findDistinct(query(where(MemberDocument.UNREAD_SINCE).lte(before)
                        .and(MemberDocument.LEFT).is(false).and(MemberDocument.MUTED).is(false)),
                MemberDocument.USER_ID, MemberDocument.class, String.class);
    }

    /** The unmuted conversations in which {@code userId} has unread messages of others, oldest first. */
    public List<Unread> unread(String userId) {
        Query unread = query(where(MemberDocument.USER_ID).is(userId).and(MemberDocument.LEFT).is(false)
                .and(MemberDocument.MUTED).is(false).and(MemberDocument.UNREAD_SINCE).ne(null))
                .with(Sort.by(MemberDocument.UNREAD_SINCE));
        return mongo.find(unread, MemberDocument.class).stream()
                .map(member -> new Unread(member.conversationId(), userId, member.unreadSince()))
                .toList();
    }

    /** How many messages of others in the conversation {@code userId} has not read (not deleted, not hidden). */
    public long unreadCount(String conversationId, String userId) {
        MemberDocument member = mongo.findById(MemberDocument.id(conversationId, userId), MemberDocument.class);
        if (member == null || member.left()) {
            return 0;
        }
        return mongo.count(query(unreadMessages(member)), MessageRecord.class);
    }

    /** The other member of a direct conversation. */
    public Optional<String> otherMember(String conversationId, String userId) {
        return mongo.find(query(where(MemberDocument.CONVERSATION_ID).is(conversationId)
                        .and(MemberDocument.USER_ID).ne(userId)).limit(1), MemberDocument.class).stream()
                .map(MemberDocument::userId)
                .findFirst();
    }

    /** Sets when the member's oldest unread message arrived, from the ledger (none: unset). */
    void refreshUnread(String memberId) {
        MemberDocument member = mongo.findById(memberId, MemberDocument.class);
        if (member == null) {
            return;
        }
        MessageRecord oldest = member.left() ? null
                : mongo.findOne(query(unreadMessages(member)).with(Sort.by(MessageRecord.SEQ)).limit(1), MessageRecord.class);
        Update update = oldest == null ? new Update().unset(MemberDocument.UNREAD_SINCE)
                : new Update().set(MemberDocument.UNREAD_SINCE, oldest.sentAt());
        mongo.updateFirst(query(where("_id").is(memberId)), update, MemberDocument.class);
    }

    private static Criteria unreadMessages(MemberDocument member) {
        return where(MessageRecord.CONVERSATION_ID).is(member.conversationId())
                .and(MessageRecord.SEQ).gt(member.lastReadSeq())
                .and(MessageRecord.SENDER_ID).ne(member.userId())
                .and(MessageRecord.DELETED).is(false)
                .and(MessageRecord.HIDDEN_FOR).ne(member.userId());
    }
}
