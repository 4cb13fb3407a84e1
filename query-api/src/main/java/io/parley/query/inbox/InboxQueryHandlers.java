package io.parley.query.inbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;

import io.parley.kernel.conversation.FindInboxQuery;
import io.parley.kernel.conversation.InboxItemView;
import io.parley.kernel.conversation.InboxPage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Inbox pages, newest activity first (ties by conversation id, descending), each item as {@link InboxReader} shows
 * it.
 */
@Component
class InboxQueryHandlers {

    private final MongoTemplate mongo;
    private final InboxReader reader;

    InboxQueryHandlers(MongoTemplate mongo, InboxReader reader) {
        this.mongo = mongo;
        this.reader = reader;
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
        List<InboxItemView> items = reader.items(page, query.userId());
        String nextCursor = found.size() > query.limit()
                ? new InboxCursor(page.getLast().lastActivityAt(), page.getLast().conversationId()).encode() : null;
        return new InboxPage(items, nextCursor);
    }
}
