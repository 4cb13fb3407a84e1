package io.parley.query.search;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.message.MessageSearchHit;
import io.parley.kernel.message.MessageSearchResult;
import io.parley.kernel.message.MessageView;
import io.parley.kernel.message.SearchMessagesQuery;
import io.parley.query.conversation.ConversationAccess;
import io.parley.query.conversation.ConversationAccess.Summary;
import io.parley.query.message.MessageReader;
import io.parley.query.user.UserDirectory;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Messages containing every word of the query (the last word also as a prefix: "hel" finds "hello"), newest first,
 * only in conversations the caller is a member of now; deleted ones and those the caller hid are never found. Each hit
 * carries its conversation's name as the inbox shows it (a direct conversation's: the other member's display name).
 */
@Component
class SearchQueryHandlers {

    private final MongoTemplate mongo;
    private final ConversationAccess access;
    private final MessageReader messages;
    private final UserDirectory users;

    SearchQueryHandlers(MongoTemplate mongo, ConversationAccess access, MessageReader messages, UserDirectory users) {
        this.mongo = mongo;
        this.access = access;
        this.messages = messages;
        this.users = users;
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
        return new MessageSearchResult(named(messages.visible(ids, query.userId()), query.userId()));
    }

    private List<MessageSearchHit> named(List<MessageView> found, String userId) {
        Map<String, Summary> conversations = access.summaries(found.stream()
                .map(MessageView::conversationId).distinct().toList());
        Map<String, UserDirectory.Person> others = users.find(conversations.values().stream()
                .filter(summary -> summary.type() == ConversationType.DIRECT)
                .flatMap(summary -> summary.memberIds().stream())
                .filter(id -> !id.equals(userId))
                .distinct()
                .toList());
        return found.stream().map(message -> {
            Summary conversation = conversations.get(message.conversationId());
            if (conversation == null) {
                return MessageSearchHit.of(message, null, null);
            }
            String name = conversation.type() != ConversationType.DIRECT ? conversation.name()
                    : conversation.memberIds().stream().filter(id -> !id.equals(userId)).findFirst()
                            .map(other -> UserDirectory.displayName(others, other)).orElse(null);
            return MessageSearchHit.of(message, name, conversation.type());
        }).toList();
    }
}
