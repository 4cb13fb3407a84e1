package io.parley.query.inbox;

import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.InboxItemView;
import io.parley.query.conversation.ConversationAccess;
import io.parley.query.live.LiveChangeBus;
import io.parley.query.live.Pushes;
import io.parley.query.live.UserEventFrames.ConversationCreated;
import io.parley.query.live.UserEventFrames.MessageCreated;
import org.springframework.stereotype.Component;

/**
 * On every instance, tells the users connected here what {@link InboxProjection} committed to their inboxes:
 * {@code conversation.created} with the inbox item, and {@code message.created} with the message's summary and the
 * user's unread count there now. Reads nothing when none of the users listens here.
 */
@Component
class InboxPushes {

    private final Pushes pushes;
    private final InboxReader inbox;
    private final ConversationAccess conversations;

    InboxPushes(Pushes pushes, InboxReader inbox, ConversationAccess conversations, LiveChangeBus changes) {
        this.pushes = pushes;
        this.inbox = inbox;
        this.conversations = conversations;
        changes.on(InboxEntriesAdded.class, this::added);
        changes.on(MessageArrived.class, this::arrived);
    }

    void added(InboxEntriesAdded added) {
        for (String userId : added.userIds()) {
            if (pushes.listening(userId)) {
                InboxItemView item = inbox.item(added.conversationId(), userId);
                if (item != null) {
                    pushes.toUser(userId, new ConversationCreated(item));
                }
            }
        }
    }

    void arrived(MessageArrived arrived) {
        if (!pushes.anyListening()) {
            return;
        }
        var summary = conversations.summaries(List.of(arrived.conversationId())).get(arrived.conversationId());
        List<String> here = summary == null ? List.of()
                : summary.memberIds().stream().filter(pushes::listening).toList();
        if (here.isEmpty()) {
            return;
        }
        Map<String, Long> unread = inbox.unreadCounts(arrived.conversationId(), here);
        here.forEach(userId -> pushes.toUser(userId,
                new MessageCreated(arrived.conversationId(), arrived.message(), unread.getOrDefault(userId, 0L))));
    }
}
