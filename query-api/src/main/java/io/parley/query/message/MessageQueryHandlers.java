package io.parley.query.message;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.parley.kernel.message.FindMessagesQuery;
import io.parley.kernel.message.MessageBacklog;
import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageChangeType;
import io.parley.kernel.message.MessagePage;
import io.parley.kernel.message.MessageView;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.conversation.ConversationAccess;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Pages of a conversation's history for its members. One more message than asked is read to know whether the page
 * has a next one; messages the caller deleted for themselves are left out (so a page may span a gap in seq).
 */
@Component
class MessageQueryHandlers {

    private final MongoTemplate mongo;
    private final ConversationAccess access;

    MessageQueryHandlers(MongoTemplate mongo, ConversationAccess access) {
        this.mongo = mongo;
        this.access = access;
    }

    @QueryHandler
    MessagePage handle(FindMessagesQuery query) {
        access.requireMember(query.conversationId(), query.userId());
        Criteria criteria = where(MessageDocument.CONVERSATION_ID).is(query.conversationId())
                .and(MessageDocument.HIDDEN_FOR).ne(query.userId());
        boolean forward = query.afterSeq() != null;
        if (forward) {
            criteria.and(MessageDocument.SEQ).gt(query.afterSeq());
        } else if (query.beforeSeq() != null) {
            criteria.and(MessageDocument.SEQ).lt(query.beforeSeq());
        }
        Sort.Direction direction = forward ? Sort.Direction.ASC : Sort.Direction.DESC;
        List<MessageDocument> found = mongo.find(query(criteria)
                .with(Sort.by(direction, MessageDocument.SEQ))
                .limit(query.limit() + 1), MessageDocument.class);
        boolean more = found.size() > query.limit();
        List<MessageView> items = new ArrayList<>(found.subList(0, Math.min(found.size(), query.limit())).stream()
                .map(MessageReader::view)
                .toList());
        if (!forward) {
            Collections.reverse(items);
        }
        Long nextCursor = !more || items.isEmpty() ? null
                : forward ? items.getLast().seq() : items.getFirst().seq();
        return new MessagePage(items, nextCursor);
    }

    /**
     * A page of a live stream's backlog. The projection writes a conversation's messages in seq order, so the read
     * model always holds seqs 1..n without holes; a hole in what this read returned can only be a message written
     * while the read was under way, after the stream's updates were subscribed: the page stops before it and
     * reports itself complete, because that message and every later one arrive as updates.
     */
    @QueryHandler
    MessageBacklog handle(StreamMessagesQuery query) {
        access.requireMember(query.conversationId(), query.userId());
        List<MessageDocument> found = mongo.find(query(where(MessageDocument.CONVERSATION_ID).is(query.conversationId())
                .and(MessageDocument.SEQ).gt(query.afterSeq()))
                .with(Sort.by(Sort.Direction.ASC, MessageDocument.SEQ))
                .limit(query.limit()), MessageDocument.class);
        List<MessageChange> items = new ArrayList<>();
        long lastSeq = query.afterSeq();
        for (MessageDocument message : found) {
            if (message.seq() != lastSeq + 1) {
                return new MessageBacklog(items, lastSeq, true);
            }
            lastSeq = message.seq();
            if (!MessageReader.hiddenFor(message, query.userId())) {
                items.add(new MessageChange(MessageChangeType.CREATED, message.conversationId(),
                        MessageReader.view(message), message.sequence()));
            }
        }
        return new MessageBacklog(items, lastSeq, found.size() < query.limit());
    }
}
