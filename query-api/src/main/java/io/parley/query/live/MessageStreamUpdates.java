package io.parley.query.live;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageChangeType;
import io.parley.kernel.message.MessageDeletedEvent;
import io.parley.kernel.message.MessageEditedEvent;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.MessageView;
import io.parley.kernel.message.ReactionAddedEvent;
import io.parley.kernel.message.ReactionRemovedEvent;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.message.MessageReader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * The updates of this instance's message streams ({@link StreamMessagesQuery}), on this instance's delivery processor,
 * each once {@code message-view} has processed its event. Axon sends them after the batch (emits wait for the unit
 * of work to commit), in event order.
 * <p>
 * A send is emitted as the projection inserted it, with the event's aggregate sequence number as its version. Every
 * other change is emitted once with its own type, carrying the message as it is now and the version of the last
 * change applied to it: when delivery trails the projection, a change may so already show a later one (an edit seen
 * with a reaction that followed it), never an older state. Changes to a message deleted for everyone are not emitted
 * (an edit after the deletion did not apply; one before it is superseded by the deletion, which is emitted). A
 * member's removal ends that member's streams, in order with the messages.
 */
@Component
@ProcessingGroup(LiveDelivery.PROCESSING_GROUP)
class MessageStreamUpdates {

    private final MessageReader messages;
    private final QueryUpdateEmitter updates;
    private final LiveDelivery delivery;

    MessageStreamUpdates(MessageReader messages, QueryUpdateEmitter updates, LiveDelivery delivery) {
        this.messages = messages;
        this.updates = updates;
        this.delivery = delivery;
    }

    @EventHandler
    void on(MessageSentEvent event, @SequenceNumber long sequence, EventMessage<?> message) {
        if (!delivery.await(message, LiveDelivery.MESSAGES) || !streaming(event.conversationId())
                || messages.stored(event.messageId()) == null) {
            return;
        }
        // As the document reads back: MongoDB keeps milliseconds.
        MessageView created = new MessageView(event.messageId(), event.conversationId(), event.seq(),
                event.senderId(), event.text(), event.sentAt().truncatedTo(ChronoUnit.MILLIS), null, false,
                event.replyToMessageId(), event.mentions().stream().sorted().toList(), Map.of());
        updates.emit(StreamMessagesQuery.class, stream -> stream.conversationId().equals(event.conversationId()),
                new MessageChange(MessageChangeType.CREATED, event.conversationId(), created, sequence));
    }

    @EventHandler
    void on(MessageEditedEvent event, @SequenceNumber long sequence, EventMessage<?> message) {
        changed(MessageChangeType.EDITED, event.conversationId(), event.messageId(), sequence, message);
    }

    @EventHandler
    void on(MessageDeletedEvent event, @SequenceNumber long sequence, EventMessage<?> message) {
        changed(MessageChangeType.DELETED, event.conversationId(), event.messageId(), sequence, message);
    }

    @EventHandler
    void on(ReactionAddedEvent event, @SequenceNumber long sequence, EventMessage<?> message) {
        changed(MessageChangeType.REACTION_ADDED, event.conversationId(), event.messageId(), sequence, message);
    }

    @EventHandler
    void on(ReactionRemovedEvent event, @SequenceNumber long sequence, EventMessage<?> message) {
        changed(MessageChangeType.REACTION_REMOVED, event.conversationId(), event.messageId(), sequence, message);
    }

    @EventHandler
    void on(MemberRemovedEvent event, EventMessage<?> message) {
        delivery.await(message, LiveDelivery.MESSAGES);
        updates.emit(StreamMessagesQuery.class, stream -> stream.conversationId().equals(event.conversationId())
                        && stream.userId().equals(event.userId()),
                new MessageChange(MessageChangeType.MEMBER_REMOVED, event.conversationId(), null, 0));
    }

    /**
     * Whether this instance has a stream of the conversation now; if not, nothing is read. Asked only after the wait:
     * a stream that registers later reads its backlog after the projection wrote this event, so it misses nothing.
     */
    private boolean streaming(String conversationId) {
        return updates.activeSubscriptions().stream().anyMatch(query -> query.getPayload()
                instanceof StreamMessagesQuery stream && stream.conversationId().equals(conversationId));
    }

    private void changed(MessageChangeType type, String conversationId, String messageId, long sequence,
                         EventMessage<?> message) {
        if (!delivery.await(message, LiveDelivery.MESSAGES) || !streaming(conversationId)) {
            return;
        }
        MessageReader.Stored stored = messages.stored(messageId);
        if (stored == null || stored.version() < sequence
                || stored.view().deleted() != (type == MessageChangeType.DELETED)) {
            return;
        }
        // Members who deleted the message for themselves do not see its later changes either.
        List<String> hiddenFor = stored.hiddenFor();
        updates.emit(StreamMessagesQuery.class, stream -> stream.conversationId().equals(stored.view().conversationId())
                        && !hiddenFor.contains(stream.userId()),
                new MessageChange(type, stored.view().conversationId(), stored.view(), stored.version()));
    }
}
