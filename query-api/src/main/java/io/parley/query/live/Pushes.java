package io.parley.query.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.query.conversation.ConversationAccess;
import io.parley.query.live.StompFrames.MemberRemovedFrame;
import io.parley.query.web.ReadYourWrites;
import org.springframework.stereotype.Component;

/**
 * This instance's subscribers of {@code /user/queue/events} by user and of {@code /topic/conversations/{id}/receipts}
 * by conversation, and what delivery pushes to them. A user-queue subscription is open to every connected user; a
 * receipts subscription only to members (others get {@code CONVERSATION_NOT_FOUND}) and ends with
 * {@code member.removed} when the member is removed.
 */
@Component
class Pushes {

    private final Map<String, Set<PushSubscription>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<PushSubscription>> byConversation = new ConcurrentHashMap<>();
    private final ConversationAccess access;
    private final ReadYourWrites readYourWrites;
    private final Welcomes welcomes;
    private final LiveWork work;
    private final StompFrames frames;

    Pushes(ConversationAccess access, ReadYourWrites readYourWrites, Welcomes welcomes, LiveWork work,
           StompFrames frames) {
        this.access = access;
        this.readYourWrites = readYourWrites;
        this.welcomes = welcomes;
        this.work = work;
        this.frames = frames;
    }

    /** Registers a user-queue subscription; the first one of a login session also gets the {@code welcome}. */
    void startUserEvents(PushSubscription subscription, String receipt) {
        LiveSession session = subscription.session();
        work.submit(session, () -> {
            register(byUser, session.userId(), subscription);
            if (subscription.cancelled()) {
                return;
            }
            welcomes.welcome(session).ifPresent(welcome ->
                    frames.message(session, subscription.id(), subscription.destination(), welcome));
            if (receipt != null) {
                frames.receipt(session, receipt);
            }
        });
    }

    void startReceipts(PushSubscription subscription, String minPosition, String receipt) {
        LiveSession session = subscription.session();
        work.submit(session, () -> {
            try {
                if (minPosition != null) {
                    readYourWrites.await(minPosition);
                }
                access.requireMember(subscription.conversationId(), session.userId());
            } catch (RuntimeException e) {
                session.remove(subscription);
                throw e;
            }
            register(byConversation, subscription.conversationId(), subscription);
            if (!subscription.cancelled() && receipt != null) {
                frames.receipt(session, receipt);
            }
        });
    }

    void unregister(PushSubscription subscription) {
        String key = subscription.conversationId() == null ? subscription.session().userId()
                : subscription.conversationId();
        (subscription.conversationId() == null ? byUser : byConversation).computeIfPresent(key, (k, subscribers) -> {
            subscribers.remove(subscription);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    /** Whether anyone has a user-queue subscription here. */
    boolean anyListening() {
        return !byUser.isEmpty();
    }

    /** Whether anyone subscribed to the conversation's receipts here. */
    boolean anyReceipts(String conversationId) {
        return byConversation.containsKey(conversationId);
    }

    /** Whether any of the users has a user-queue subscription here. */
    boolean anyListening(Iterable<String> userIds) {
        for (String userId : userIds) {
            if (byUser.containsKey(userId)) {
                return true;
            }
        }
        return false;
    }

    boolean listening(String userId) {
        return byUser.containsKey(userId);
    }

    /** Sends the event to every user-queue subscription of the user on this instance. */
    void toUser(String userId, Object event) {
        subscribers(byUser, userId).forEach(subscription -> send(subscription, event));
    }

    /** Sends the event to the user-queue subscriptions of one session only. */
    void toSession(LiveSession session, Object event) {
        subscribers(byUser, session.userId()).stream()
                .filter(subscription -> subscription.session() == session)
                .forEach(subscription -> send(subscription, event));
    }

    /** Sends the event to the receipts subscribers of the conversation who are among its members. */
    void toReceipts(String conversationId, List<String> memberIds, Object event) {
        for (PushSubscription subscription : subscribers(byConversation, conversationId)) {
            if (memberIds.contains(subscription.session().userId())) {
                send(subscription, event);
            }
        }
    }

    /** Ends the member's receipts subscriptions of the conversation with {@code member.removed}. */
    void removed(String conversationId, String userId) {
        for (PushSubscription subscription : subscribers(byConversation, conversationId)) {
            LiveSession session = subscription.session();
            if (session.userId().equals(userId)) {
                send(subscription, new MemberRemovedFrame(conversationId, userId));
                session.remove(subscription);
                subscription.cancel();
            }
        }
    }

    private void send(PushSubscription subscription, Object event) {
        if (!subscription.cancelled()) {
            frames.message(subscription.session(), subscription.id(), subscription.destination(), event);
        }
    }

    private static void register(Map<String, Set<PushSubscription>> index, String key, PushSubscription subscription) {
        index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(subscription);
        // A cancel that ran before the registration found nothing to remove.
        if (subscription.cancelled()) {
            index.computeIfPresent(key, (k, subscribers) -> {
                subscribers.remove(subscription);
                return subscribers.isEmpty() ? null : subscribers;
            });
        }
    }

    private static List<PushSubscription> subscribers(Map<String, Set<PushSubscription>> index, String key) {
        Set<PushSubscription> subscribers = key == null ? null : index.get(key);
        return subscribers == null ? List.of() : List.copyOf(subscribers);
    }
}
