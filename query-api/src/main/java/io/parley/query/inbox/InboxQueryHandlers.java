package io.parley.query.inbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.FindInboxQuery;
import io.parley.kernel.conversation.InboxItemView;
import io.parley.kernel.conversation.InboxPage;
import io.parley.kernel.conversation.LastMessageView;
import io.parley.query.conversation.ConversationAccess;
import io.parley.query.conversation.ConversationAccess.Summary;
import io.parley.query.user.UserDirectory;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Inbox pages, newest activity first (ties by conversation id, descending). Names, member counts and the other
 * member's display name of a direct conversation are joined at read time; the last message is the newest the member
 * has not deleted for themselves.
 */
@Component
class InboxQueryHandlers {

    private static final int LAST_MESSAGE_BATCH = 5;

    private final MongoTemplate mongo;
    private final ConversationAccess conversations;
    private final UserDirectory users;

    InboxQueryHandlers(MongoTemplate mongo, ConversationAccess conversations, UserDirectory users) {
        this.mongo = mongo;
        this.conversations = conversations;
        this.users = users;
    }

    @QueryHandler
    InboxPage handle(FindInboxQuery query) {
        Criteria criteria = where(InboxEntryDocument.USER_ID).is(query.userId()).and(InboxEntryDocument.ACTIVE).is(true);
        if (query.cursor() != null) {
            InboxCursor after = InboxCursor.decode(query.cursor());
            criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                    where(InboxEntryDocument.LAST_ACTIVITY_AT).lt(after.lastActivityAt()),
                    where(InboxEntryDocument.LAST_ACTIVITY_AT).is(after.lastActivityAt())
                            .and(InboxEntryDocument.CONVERSATION_ID).lt(after.conversationId())));
        }
        List<InboxEntryDocument> found = mongo.find(query(criteria)
                .with(Sort.by(Sort.Order.desc(InboxEntryDocument.LAST_ACTIVITY_AT),
                        Sort.Order.desc(InboxEntryDocument.CONVERSATION_ID)))
                .limit(query.limit() + 1), InboxEntryDocument.class);
        List<InboxEntryDocument> page = found.subList(0, Math.min(found.size(), query.limit()));
        Map<String, Summary> summaries = conversations.summaries(page.stream()
                .map(InboxEntryDocument::conversationId).toList());
        Map<String, UserDirectory.Person> others = users.find(summaries.values().stream()
                .filter(summary -> summary.type() == ConversationType.DIRECT)
                .flatMap(summary -> summary.memberIds().stream())
                .filter(userId -> !userId.equals(query.userId()))
                .distinct()
                .toList());
        List<InboxItemView> items = page.stream()
                .map(entry -> item(entry, summaries.get(entry.conversationId()), others, query.userId()))
                .toList();
        String nextCursor = found.size() > query.limit()
                ? new InboxCursor(page.getLast().lastActivityAt(), page.getLast().conversationId()).encode() : null;
        return new InboxPage(items, nextCursor);
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

    private LastMessageView lastMessage(String conversationId, String userId) {
        long below = Long.MAX_VALUE;
        while (true) {
            List<InboxMessageDocument> newest = mongo.find(query(where(InboxMessageDocument.CONVERSATION_ID)
                            .is(conversationId).and(InboxMessageDocument.SEQ).lt(below))
                    .with(Sort.by(Sort.Direction.DESC, InboxMessageDocument.SEQ))
                    .limit(LAST_MESSAGE_BATCH), InboxMessageDocument.class);
            for (InboxMessageDocument message : newest) {
                if (!message.hiddenFor(userId)) {
                    return new LastMessageView(message.id(), message.seq(), message.senderId(),
                            message.deleted() ? null : message.text(), message.createdAt(), message.deleted());
                }
            }
            if (newest.size() < LAST_MESSAGE_BATCH) {
                return null;
            }
            below = newest.getLast().seq();
        }
    }
}
