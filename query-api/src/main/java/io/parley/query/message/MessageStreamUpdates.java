package io.parley.query.message;

import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageChangeType;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.live.LiveChangeBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * On every instance, turns the message changes {@link MessageProjection} committed into updates of this instance's
 * message streams ({@link StreamMessagesQuery}, see docs/live-delivery.md): a change goes to the streams of its
 * conversation, except those of members who deleted the message for themselves; a member's removal ends that
 * member's streams. Every update describes a write that had already happened when it was published, which is what
 * the gap-free hand-over from backlog to updates in a stream relies on.
 */
@Component
class MessageStreamUpdates {

    private final QueryUpdateEmitter updates;

    MessageStreamUpdates(QueryUpdateEmitter updates, LiveChangeBus changes) {
        this.updates = updates;
        changes.on(MessageChanged.class, this::changed);
        changes.on(MessageStreamEnded.class, this::ended);
    }

    void changed(MessageChanged changed) {
        MessageChange change = changed.change();
        updates.emit(StreamMessagesQuery.class, stream -> stream.conversationId().equals(change.conversationId())
                && !changed.hiddenFor().contains(stream.userId()), change);
    }

    void ended(MessageStreamEnded ended) {
        updates.emit(StreamMessagesQuery.class, stream -> stream.conversationId().equals(ended.conversationId())
                        && stream.userId().equals(ended.userId()),
                new MessageChange(MessageChangeType.MEMBER_REMOVED, ended.conversationId(), null, 0));
    }
}
