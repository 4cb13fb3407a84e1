package io.parley.query.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.query.live.StompFrames.MemberRemovedFrame;

/**
 * This instance's {@link PushSubscription}s to one kind of destination, by key (a conversation, or a user for the
 * user queue), and the frames pushed to them: a cancelled subscription gets nothing more.
 */
final class Subscribers {

    private final Map<String, Set<PushSubscription>> byKey = new ConcurrentHashMap<>();
    private final StompFrames frames;

    Subscribers(StompFrames frames) {
        this.frames = frames;
    }

    void add(PushSubscription subscription) {
        byKey.computeIfAbsent(subscription.key(), k -> ConcurrentHashMap.newKeySet()).add(subscription);
        // A cancel that ran before the registration found nothing to remove.
        if (subscription.cancelled()) {
            remove(subscription);
        }
    }

    void remove(PushSubscription subscription) {
        byKey.computeIfPresent(subscription.key(), (k, subscribers) -> {
            subscribers.remove(subscription);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    boolean contains(String key) {
        return byKey.containsKey(key);
    }

    /** A snapshot of the key's subscriptions (none for a null key). */
    List<PushSubscription> of(String key) {
        Set<PushSubscription> subscribers = key == null ? null : byKey.get(key);
        return subscribers == null ? List.of() : List.copyOf(subscribers);
    }

    void send(PushSubscription subscription, Object body) {
        if (!subscription.cancelled()) {
            frames.message(subscription.session(), subscription.id(), subscription.destination(), body);
        }
    }

    /** Ends a topic subscription of a user who is no longer a member: {@code member.removed}, then nothing. */
    void removed(PushSubscription subscription) {
        LiveSession session = subscription.session();
        send(subscription, new MemberRemovedFrame(subscription.conversationId(), session.userId()));
        session.remove(subscription);
        subscription.cancel();
    }
}
