package io.parley.query.search;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;

import io.parley.kernel.message.MessageSearchResult;
import io.parley.kernel.message.SearchMessagesQuery;
import io.parley.query.conversation.ConversationAccess;
import io.parley.query.message.MessageReader;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Messages containing every word of the query (the last word also as a prefix: "hel" finds "hello"), newest first,
 * only in conversations the caller is a member of now; deleted ones and those the caller hid are never found.
 */
@Component
class SearchQueryHandlers {

    private final MongoTemplate mongo;
    private final ConversationAccess access;
    private final MessageReader messages;

    SearchQueryHandlers(MongoTemplate mongo, ConversationAccess access, MessageReader messages) {
        this.mongo = mongo;
        this.access = access;
        this.messages = messages;
    }

    @QueryHandler
    MessageSearchResult handle(SearchMessagesQuery query) {
        List<String> scope;
        if (query.conversationId() != null) {
            access.requireMember(query.conversationId(), query.userId());
            scope = List.of(query.conversationId());
        } else {
            scope = access.conversationsOf(query.userId());
        }
        List<String> words = Tokens.of(query.text());
        if (scope.isEmpty() || words.isEmpty()) {
            return new MessageSearchResult(List.of());
        }
        List<String> exact = words.subList(0, words.size() - 1);
        Criteria lastAsPrefix = where(SearchDocument.TOKENS).regex("^" + words.getLast());
        Criteria criteria = where(SearchDocument.CONVERSATION_ID).in(scope)
                .and(SearchDocument.DELETED).is(false)
                .and(SearchDocument.HIDDEN_FOR).ne(query.userId());
        criteria = exact.isEmpty() ? new Criteria().andOperator(criteria, lastAsPrefix)
                : new Criteria().andOperator(criteria, where(SearchDocument.TOKENS).all(exact), lastAsPrefix);
        var found = query(criteria)
                .with(Sort.by(Sort.Order.desc(SearchDocument.CREATED_AT), Sort.Order.asc("_id")))
                .limit(query.limit());
        found.fields().include("_id");
        List<String> ids = mongo.find(found, Document.class, SearchDocument.COLLECTION).stream()
                .map(document -> document.getString("_id"))
                .toList();
        return new MessageSearchResult(messages.visible(ids, query.userId()));
    }
}
