package io.parley.query.live;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationReadEvent;
import io.parley.kernel.conversation.ConversationView;
import io.parley.kernel.conversation.FindConversationQuery;
import io.parley.kernel.conversation.InboxItemView;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRoleChangedEvent;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.query.conversation.ConversationAccess;
import io.parley.query.inbox.InboxReader;
import io.parley.query.live.UserEventFrames.ConversationCreated;
import io.parley.query.live.UserEventFrames.ConversationUpdated;
import io.parley.query.live.UserEventFrames.MemberAdded;
import io.parley.query.live.UserEventFrames.MemberRemoved;
import io.parley.query.live.UserEventFrames.MessageCreated;
import io.parley.query.live.UserEventFrames.ReceiptUpdated;
import io.parley.query.live.UserEventFrames.Summary;
import io.parley.query.web.Queries;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The conversation events of {@code /user/queue/events} (and the receipts topic), on this instance's delivery
 * processor, to the members connected to this instance: each waits until the projections it reads have the event,
 * and neither waits nor reads when nobody listens here (the user queue has no backlog to line up with).
 */
@Component
@ProcessingGroup(LiveDelivery.PROCESSING_GROUP)
class UserEvents {

    private final Pushes pushes;
    private final LiveDelivery delivery;
    private final ConversationAccess conversations;
    private final InboxReader inbox;
    private final QueryGateway queries;

    UserEvents(Pushes pushes, LiveDelivery delivery, ConversationAccess conversations, InboxReader inbox,
               QueryGateway queries) {
        this.pushes = pushes;
        this.delivery = delivery;
        this.conversations = conversations;
        this.inbox = inbox;
        this.queries = queries;
    }

    @EventHandler
    void on(ConversationCreatedEvent event, EventMessage<?> message) {
        List<String> members = event.members().stream().map(ConversationMember::userId).toList();
        if (pushes.anyListening(members)
                && delivery.await(message, LiveDelivery.CONVERSATIONS, LiveDelivery.INBOX)) {
            members.forEach(userId -> created(event.conversationId(), userId));
        }
    }

    @EventHandler
    void on(MemberAddedEvent event, EventMessage<?> message) {
        if (!pushes.anyListening()) {
            return;
        }
        List<String> members = members(event.conversationId(), event.userId(), message,
                LiveDelivery.CONVERSATIONS, LiveDelivery.INBOX);
        created(event.conversationId(), event.userId());
        MemberAdded added = new MemberAdded(event.conversationId(), event.userId(), event.role(), event.addedBy());
        members.forEach(userId -> pushes.toUser(userId, added));
    }

    @EventHandler
    void on(MemberRemovedEvent event, EventMessage<?> message) {
        if (!pushes.anyListening() && !pushes.anyReceipts(event.conversationId())) {
            return;
        }
        List<String> members = members(event.conversationId(), event.userId(), message, LiveDelivery.CONVERSATIONS);
        pushes.removed(event.conversationId(), event.userId());
        MemberRemoved removed = new MemberRemoved(event.conversationId(), event.userId(), event.removedBy(),
                event.left());
        members.forEach(userId -> pushes.toUser(userId, removed));
    }

    @EventHandler
    void on(ConversationDetailsChangedEvent event, EventMessage<?> message) {
        updated(event.conversationId(), message);
    }

    @EventHandler
    void on(MemberRoleChangedEvent event, EventMessage<?> message) {
        updated(event.conversationId(), message);
    }

    @EventHandler
    void on(MessageSentEvent event, EventMessage<?> message) {
        if (!pushes.anyListening()) {
            return;
        }
        List<String> members = members(event.conversationId(), null, message, LiveDelivery.CONVERSATIONS,
                LiveDelivery.INBOX);
        List<String> here = members.stream().filter(pushes::listening).toList();
        if (here.isEmpty()) {
            return;
        }
        Summary summary = new Summary(event.messageId(), event.seq(), event.senderId(), event.text(),
                event.sentAt().truncatedTo(ChronoUnit.MILLIS));
        Map<String, Long> unread = inbox.unreadCounts(event.conversationId(), here);
        here.forEach(userId -> pushes.toUser(userId,
                new MessageCreated(event.conversationId(), summary, unread.getOrDefault(userId, 0L))));
    }

    @EventHandler
    void on(ConversationReadEvent event, EventMessage<?> message) {
        if (!pushes.anyListening() && !pushes.anyReceipts(event.conversationId())) {
            return;
        }
        List<String> members = members(event.conversationId(), null, message, LiveDelivery.CONVERSATIONS,
                LiveDelivery.RECEIPTS);
        // A read marker never moves back: the event's is the member's marker now.
        ReceiptUpdated receipt = new ReceiptUpdated(event.conversationId(), event.userId(), event.upToSeq());
        members.forEach(userId -> pushes.toUser(userId, receipt));
        pushes.toReceipts(event.conversationId(), members, receipt);
    }

    private void created(String conversationId, String userId) {
        if (pushes.listening(userId)) {
            InboxItemView item = inbox.item(conversationId, userId);
            if (item != null) {
                pushes.toUser(userId, new ConversationCreated(item));
            }
        }
    }

    private void updated(String conversationId, EventMessage<?> message) {
        if (!pushes.anyListening()) {
            return;
        }
        List<String> members = members(conversationId, null, message, LiveDelivery.CONVERSATIONS);
        List<String> here = members.stream().filter(pushes::listening).toList();
        if (here.isEmpty()) {
            return;
        }
        ConversationView details;
        try {
            details = Queries.await(queries.query(new FindConversationQuery(here.getFirst(), conversationId),
                    ConversationView.class));
        } catch (DomainException e) {
            return;
        }
        here.forEach(userId -> pushes.toUser(userId, new ConversationUpdated(details)));
    }

    /**
     * The conversation's members once the projections have the event (plus {@code also}, who may just have left),
     * or none when the projections did not get there in time.
     */
    private List<String> members(String conversationId, String also, EventMessage<?> message, String... projections) {
        if (!delivery.await(message, projections)) {
            return List.of();
        }
        var summary = conversations.summaries(List.of(conversationId)).get(conversationId);
        List<String> members = new ArrayList<>(summary == null ? List.of() : summary.memberIds());
        if (also != null && !members.contains(also)) {
            members.add(also);
        }
        return members;
    }
}
