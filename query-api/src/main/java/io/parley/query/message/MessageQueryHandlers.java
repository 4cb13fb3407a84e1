package io.parley.query.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.parley.kernel.message.FindMessagesQuery;
import io.parley.kernel.message.MessageBacklog;
import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageChangeType;
import io.parley.kernel.message.MessagePage;
import io.parley.kernel.message.MessageView;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.conversation.ConversationAccess;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Pages of a conversation's history for its members, read by {@link SeqKeys} (a page of seqs is a list of keys).
 * One more message than asked is read to know whether the page has a next one; messages the caller deleted for
 * themselves are left out (so a page may span a gap in seq, and more keys are read until the page is full).
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
        boolean forward = query.afterSeq() != null;
        List<MessageDocument> found = forward
                ? visibleUpward(query.conversationId(), query.afterSeq() + 1, query.userId(), query.limit() + 1)
                : visibleDownward(query.conversationId(), query.beforeSeq(), query.userId(), query.limit() + 1);
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

    /** Up to {@code wanted} messages the user sees, from seq {@code from} upwards, read a page of keys at a time. */
    private List<MessageDocument> visibleUpward(String conversationId, long from, String userId, int wanted) {
        List<MessageDocument> visible = new ArrayList<>();
        long next = Math.max(1, from);
        while (visible.size() < wanted) {
            Map<Long, MessageDocument> page = SeqKeys.range(mongo, MessageDocument.class, conversationId, next,
                    next + wanted - 1, MessageDocument::seq);
            for (long seq = next; seq < next + wanted && visible.size() < wanted; seq++) {
                MessageDocument message = page.get(seq);
                if (message == null) {
                    // Seqs have no gaps: the first one missing is past the newest message.
                    return visible;
                }
                if (!MessageReader.hiddenFor(message, userId)) {
                    visible.add(message);
                }
            }
            next += wanted;
        }
        return visible;
    }

    /** Up to {@code wanted} messages the user sees below {@code beforeSeq} (or from the newest), newest first. */
    private List<MessageDocument> visibleDownward(String conversationId, Long beforeSeq, String userId, int wanted) {
        long newest = SeqKeys.lastSeq(mongo, MessageDocument.COLLECTION, conversationId);
        long next = beforeSeq == null ? newest : Math.min(newest, beforeSeq - 1);
        List<MessageDocument> visible = new ArrayList<>();
        while (next >= 1 && visible.size() < wanted) {
            long lowest = Math.max(1, next - wanted + 1);
            Map<Long, MessageDocument> page = SeqKeys.range(mongo, MessageDocument.class, conversationId, lowest, next,
                    MessageDocument::seq);
            for (long seq = next; seq >= lowest && visible.size() < wanted; seq--) {
                MessageDocument message = page.get(seq);
                if (message != null && !MessageReader.hiddenFor(message, userId)) {
                    visible.add(message);
                }
            }
            next = lowest - 1;
        }
        return visible;
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
        Collection<MessageDocument> found = SeqKeys.range(mongo, MessageDocument.class, query.conversationId(),
                query.afterSeq() + 1, query.afterSeq() + query.limit(), MessageDocument::seq).values();
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
