package io.parley.query.live;

import java.util.HashSet;
import java.util.Set;

import io.parley.kernel.contact.ContactView;
import io.parley.kernel.contact.ContactsView;
import io.parley.kernel.contact.FindContactsQuery;
import io.parley.query.conversation.ConversationAccess;
import io.parley.query.live.UserEventFrames.PresenceChanged;
import io.parley.query.presence.PresenceChange;
import io.parley.query.presence.PresenceListener;
import io.parley.query.web.Queries;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code presence.changed} on {@code /user/queue/events} for the user's contacts and the members of the user's
 * conversations who are connected to this instance (not to the user themself). Read off the caller's thread.
 */
@Component
class PresenceDelivery implements PresenceListener {

    private static final Logger log = LoggerFactory.getLogger(PresenceDelivery.class);

    private final Pushes pushes;
    private final ConversationAccess conversations;
    private final QueryGateway queries;
    private final LiveWork work;

    PresenceDelivery(Pushes pushes, ConversationAccess conversations, QueryGateway queries, LiveWork work) {
        this.pushes = pushes;
        this.conversations = conversations;
        this.queries = queries;
        this.work = work;
    }

    @Override
    public void presenceChanged(PresenceChange change) {
        if (!pushes.anyListening()) {
            return;
        }
        work.execute(() -> {
            try {
                PresenceChanged event = new PresenceChanged(change.userId(), change.online(), change.lastSeenAt());
                recipients(change.userId()).forEach(userId -> pushes.toUser(userId, event));
            } catch (RuntimeException e) {
                log.warn("Presence change of user {} not delivered", change.userId(), e);
            }
        });
    }

    private Set<String> recipients(String userId) {
        Set<String> recipients = new HashSet<>();
        conversations.summaries(conversations.conversationsOf(userId)).values()
                .forEach(summary -> recipients.addAll(summary.memberIds()));
        ContactsView contacts = Queries.await(queries.query(new FindContactsQuery(userId), ContactsView.class));
        contacts.items().stream().map(ContactView::userId).forEach(recipients::add);
        recipients.remove(userId);
        recipients.removeIf(recipient -> !pushes.listening(recipient));
        return recipients;
    }
}
