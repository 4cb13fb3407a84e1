package io.parley.query.timetravel;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.parley.kernel.conversation.ConversationAsOfView;
import io.parley.kernel.conversation.FindConversationAsOfQuery;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.MessageRemovedEvent;
import io.parley.kernel.message.MessageView;
import io.parley.query.conversation.ConversationAccess;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Time travel: the conversation's own events (the {@code Conversation} aggregate holds its membership and its
 * messages' events) read from the event store from the first on, never from a snapshot, up to the last one stamped
 * at or before the instant asked, and folded in memory ({@link ConversationPast}). The read models play no part in
 * what is shown; the only thing taken from them is whether the caller is a member now, the check every other read
 * makes, done first so a stranger costs no read of the event store. Someone who is no member now, or was none then
 * (or asks for an instant before the conversation existed), gets what an unknown id gets.
 */
@Component
class ConversationAsOfQueryHandlers {

    static final String AGGREGATE = "Conversation";

    private final EventStore eventStore;
    private final ConversationAccess access;
    private final Clock clock = Clock.systemUTC();

    ConversationAsOfQueryHandlers(EventStore eventStore, ConversationAccess access) {
        this.eventStore = eventStore;
        this.access = access;
    }

    @QueryHandler
    ConversationAsOfView handle(FindConversationAsOfQuery query) {
        access.requireMember(query.conversationId(), query.userId());
        Instant now = clock.instant();
        Instant at = query.at().isAfter(now) ? now : query.at();
        ConversationPast past = fold(query.conversationId(), at);
        if (!past.exists() || !past.isMember(query.userId())) {
            throw new DomainException(ErrorCode.CONVERSATION_NOT_FOUND, "No conversation " + query.conversationId());
        }
        List<MessageView> visible = past.visibleTo(query.userId());
        boolean forward = query.afterSeq() != null;
        List<MessageView> page = new ArrayList<>();
        boolean more;
        if (forward) {
            List<MessageView> after = visible.stream().filter(m -> m.seq() > query.afterSeq()).toList();
            page.addAll(after.subList(0, Math.min(after.size(), query.limit())));
            more = after.size() > query.limit();
        } else {
            List<MessageView> before = query.beforeSeq() == null ? visible
                    : visible.stream().filter(m -> m.seq() < query.beforeSeq()).toList();
            page.addAll(before.subList(Math.max(0, before.size() - query.limit()), before.size()));
            more = before.size() > query.limit();
        }
        Long nextCursor = !more || page.isEmpty() ? null : forward ? page.getLast().seq() : page.getFirst().seq();
        return new ConversationAsOfView(query.conversationId(), at, past.type(), past.name(), past.topic(),
                past.createdAt(), past.archivedAt(), past.members(), page, nextCursor);
    }

    /**
     * The conversation after its last event stamped at or before {@code at}. Events are read in their sequence, and
     * the first one stamped later ends the fold, so what is shown is a state the conversation really had even if
     * the clocks of two command-api instances disagreed a little. An administrator's removal of a message, whenever
     * it came, holds for every instant: moderated content is not shown again by looking back.
     */
    private ConversationPast fold(String conversationId, Instant at) {
        ConversationPast past = new ConversationPast(conversationId);
        DomainEventStream events = eventStore.readEvents(conversationId, 0);
        boolean later = false;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            later = later || event.getTimestamp().isAfter(at);
            if (AGGREGATE.equals(event.getType())
                    && (!later || event.getPayload() instanceof MessageRemovedEvent)) {
                past.apply(event.getPayload());
            }
        }
        return past;
    }
}
