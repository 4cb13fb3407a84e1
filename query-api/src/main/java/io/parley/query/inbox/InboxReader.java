package io.parley.query.inbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.InboxItemView;
import io.parley.kernel.conversation.LastMessageView;
import io.parley.query.conversation.ConversationAccess;
import io.parley.query.conversation.ConversationAccess.Summary;
import io.parley.query.message.SeqKeys;
import io.parley.query.user.UserDirectory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Inbox items as one member sees them, for the inbox pages and for live delivery. Names, member counts and the other
 * member's display name of a direct conversation are joined at read time; the last message is the newest the member
 * has not deleted for themselves.
 */
@Component
public class InboxReader {

    private static final int LAST_MESSAGE_BATCH = 5;

    private final MongoTemplate mongo;
    private final ConversationAccess conversations;
    private final UserDirectory users;

    InboxReader(MongoTemplate mongo, ConversationAccess conversations, UserDirectory users) {
        this.mongo = mongo;
        this.conversations = conversations;
        this.users = users;
    }

    /** The conversation in the member's inbox, or null when it is not there (not or no longer a member). */
    public InboxItemView item(String conversationId, String userId) {
        InboxEntryDocument entry = mongo.findById(InboxEntryDocument.id(conversationId, userId),
                InboxEntryDocument.class);
        return entry == null || !entry.active() ? null : items(List.of(entry), userId).getFirst();
    }

    /** The unread count of each of the users who are members of the conversation (others are left out). */
    public Map<String, Long> unreadCounts(String conversationId, Collection<String> userIds) {
        Map<String, Long> counts = new HashMap<>();
        if (userIds.isEmpty()) {
            return counts;
        }
        mongo.find(query(where(InboxEntryDocument.CONVERSATION_ID).is(conversationId)
                        .and(InboxEntryDocument.USER_ID).in(userIds)
                        .and(InboxEntryDocument.ACTIVE).is(true)), InboxEntryDocument.class)
                .forEach(entry -> counts.put(entry.userId(), entry.unreadCount()));
        return counts;
    }

    /** How many of the user's conversations have unread messages. */
    public long conversationsWithUnread(String userId) {
        return mongo.count(query(where(InboxEntryDocument.USER_ID).is(userId)
                .and(InboxEntryDocument.ACTIVE).is(true)
                .and(InboxEntryDocument.UNREAD_COUNT).gt(0)), InboxEntryDocument.class);
    }

    List<InboxItemView> items(List<InboxEntryDocument> entries, String userId) {
        Map<String, Summary> summaries = conversations.summaries(entries.stream()
                .map(InboxEntryDocument::conversationId).toList());
        Map<String, UserDirectory.Person> others = users.find(summaries.values().stream()
                .filter(summary -> summary.type() == ConversationType.DIRECT)
                .flatMap(summary -> summary.memberIds().stream())
                .filter(id -> !id.equals(userId))
                .distinct()
                .toList());
        return entries.stream()
                .map(entry -> item(entry, summaries.get(entry.conversationId()), others, userId))
                .toList();
    }

    private InboxItemView item(InboxEntryDocument entry, Summary summary, Map<String, UserDirectory.Person> others,
                               String userId) {
        List<String> memberIds = summary == null ? List.of() : summary.memberIds();
        String name = summary == null ? null : summary.name();
        if (entry.type() == ConversationType.DIRECT) {
            name = memberIds.stream().filter(id -> !id.equals(userId)).findFirst()
                    .map(other -> UserDirectory.displayName(others, other))
                    .orElse(null);
        }
        return new InboxItemView(entry.conversationId(), entry.type(), name, memberIds.size(),
                lastMessage(entry.conversationId(), userId), entry.unreadCount(), entry.lastReadSeq(), entry.muted(),
                entry.lastActivityAt());
    }

    /** The newest message the member sees, read by key a batch of seqs at a time from the newest. */
    private LastMessageView lastMessage(String conversationId, String userId) {
        long next = SeqKeys.lastSeq(mongo, InboxMessageDocument.COLLECTION, conversationId);
        while (next >= 1) {
            long lowest = Math.max(1, next - LAST_MESSAGE_BATCH + 1);
            Map<Long, InboxMessageDocument> batch = SeqKeys.range(mongo, InboxMessageDocument.class, conversationId,
                    lowest, next, InboxMessageDocument::seq);
            for (long seq = next; seq >= lowest; seq--) {
                InboxMessageDocument message = batch.get(seq);
                if (message != null && !message.hiddenFor(userId)) {
                    return new LastMessageView(message.id(), message.seq(), message.senderId(),
                            message.deleted() ? null : message.text(), message.createdAt(), message.deleted());
                }
            }
            next = lowest - 1;
        }
        return null;
    }
}
