package io.parley.query.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.query.conversation.ConversationAccess;
import io.parley.query.live.StompFrames.MemberRemovedFrame;
import io.parley.query.live.StompFrames.TypingFrame;
import io.parley.query.web.ReadYourWrites;
import org.springframework.stereotype.Component;

/**
 * This instance's typing subscribers by conversation. A signal reaches every subscribed member except the typing
 * user's own sessions; a subscriber who is no longer a member gets {@code member.removed} instead and is dropped.
 */
@Component
class TypingRelay {

    private final Map<String, Set<TypingSubscription>> byConversation = new ConcurrentHashMap<>();
    private final ConversationAccess access;
    private final ReadYourWrites readYourWrites;
    private final LiveWork work;
    private final StompFrames frames;

    TypingRelay(ConversationAccess access, ReadYourWrites readYourWrites, LiveWork work, StompFrames frames) {
        this.access = access;
        this.readYourWrites = readYourWrites;
        this.work = work;
        this.frames = frames;
    }

    void start(TypingSubscription subscription, String minPosition, String receipt) {
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
            byConversation.computeIfAbsent(subscription.conversationId(), id -> ConcurrentHashMap.newKeySet())
                    .add(subscription);
            if (subscription.cancelled()) {
                unregister(subscription);
            } else if (receipt != null) {
                frames.receipt(session, receipt);
            }
        });
    }

    void unregister(TypingSubscription subscription) {
        byConversation.computeIfPresent(subscription.conversationId(), (id, subscribers) -> {
            subscribers.remove(subscription);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    void deliver(TypingSignal signal) {
        Set<TypingSubscription> subscribers = byConversation.get(signal.conversationId());
        if (subscribers == null || subscribers.isEmpty()) {
            return;
        }
        var summary = access.summaries(List.of(signal.conversationId())).get(signal.conversationId());
        List<String> members = summary == null ? List.of() : summary.memberIds();
        String destination = Destinations.typingTopic(signal.conversationId());
        for (TypingSubscription subscriber : List.copyOf(subscribers)) {
            LiveSession session = subscriber.session();
            if (session.userId().equals(signal.userId())) {
                continue;
            }
            if (!members.contains(session.userId())) {
                frames.message(session, subscriber.id(), destination,
                        new MemberRemovedFrame(signal.conversationId(), session.userId()));
                session.remove(subscriber);
                subscriber.cancel();
                continue;
            }
            frames.message(session, subscriber.id(), destination,
                    new TypingFrame(signal.conversationId(), signal.userId(), signal.typing()));
        }
    }
}
