package io.parley.query.live;

import java.util.List;

import io.parley.query.conversation.ConversationAccess;
import io.parley.query.live.StompFrames.TypingFrame;
import io.parley.query.web.ReadYourWrites;
import org.springframework.stereotype.Component;

/**
 * This instance's subscribers of the destinations the server pushes to, and what it pushes: {@code /user/queue/events}
 * by user, {@code /topic/conversations/{id}/receipts} and {@code /topic/conversations/{id}/typing} by conversation.
 * A user-queue subscription is open to every connected user; a conversation topic only to members (others get
 * {@code CONVERSATION_NOT_FOUND}), and it ends with {@code member.removed} once the subscriber is no longer one
 * (receipts when the member is removed, typing at the next signal).
 */
@Component
public class Pushes {

    private final ConversationAccess access;
    private final ReadYourWrites readYourWrites;
    private final Welcomes welcomes;
    private final LiveWork work;
    private final StompFrames frames;
    private final Subscribers users;
    private final Subscribers receipts;
    private final Subscribers typing;

    Pushes(ConversationAccess access, ReadYourWrites readYourWrites, Welcomes welcomes, LiveWork work,
           StompFrames frames) {
        this.access = access;
        this.readYourWrites = readYourWrites;
        this.welcomes = welcomes;
        this.work = work;
        this.frames = frames;
        this.users = new Subscribers(frames);
        this.receipts = new Subscribers(frames);
        this.typing = new Subscribers(frames);
    }

    /** A subscription to the target, not started yet; {@code MESSAGES} are {@link MessageStream}s instead. */
    PushSubscription subscription(LiveSession session, String id, String destination, Destinations.Target target) {
        Subscribers index = switch (target.kind()) {
            case USER_EVENTS -> users;
            case RECEIPTS -> receipts;
            case TYPING -> typing;
            case MESSAGES -> throw new IllegalArgumentException("Message streams are no push subscriptions.");
        };
        return new PushSubscription(session, id, destination, target.conversationId(), index);
    }

    /**
     * Registers the subscription, off the caller's thread: a conversation topic once {@code minPosition} is reached
     * and the subscriber is a member; the first user-queue subscription of a login session also gets the
     * {@code welcome}. Then the RECEIPT, if asked for.
     */
    void start(PushSubscription subscription, String minPosition, String receipt) {
        LiveSession session = subscription.session();
        work.submit(session, () -> {
            if (subscription.conversationId() != null) {
                try {
                    if (minPosition != null) {
                        readYourWrites.await(minPosition);
                    }
                    access.requireMember(subscription.conversationId(), session.userId());
                } catch (RuntimeException e) {
                    session.remove(subscription);
                    throw e;
                }
            }
            subscription.index().add(subscription);
            if (subscription.cancelled()) {
                return;
            }
            if (subscription.conversationId() == null) {
                welcomes.welcome(session).ifPresent(welcome ->
                        frames.message(session, subscription.id(), subscription.destination(), welcome));
            }
            if (receipt != null) {
                frames.receipt(session, receipt);
            }
        });
    }

    /** Whether anyone has a user-queue subscription here. */
    public boolean anyListening() {
        return !users.isEmpty();
    }

    /** Whether anyone subscribed to the conversation's receipts here. */
    public boolean anyReceipts(String conversationId) {
        return receipts.contains(conversationId);
    }

    public boolean listening(String userId) {
        return users.contains(userId);
    }

    /** Sends the event to every user-queue subscription of the user on this instance. */
    public void toUser(String userId, Object event) {
        users.of(userId).forEach(subscription -> users.send(subscription, event));
    }

    /** Sends the event to the user-queue subscriptions of one session only. */
    void toSession(LiveSession session, Object event) {
        users.of(session.userId()).stream()
                .filter(subscription -> subscription.session() == session)
                .forEach(subscription -> users.send(subscription, event));
    }

    /** Sends the event to the receipts subscribers of the conversation who are among its members. */
    public void toReceipts(String conversationId, List<String> memberIds, Object event) {
        for (PushSubscription subscription : receipts.of(conversationId)) {
            if (memberIds.contains(subscription.session().userId())) {
                receipts.send(subscription, event);
            }
        }
    }

    /** Ends the member's receipts subscriptions of the conversation with {@code member.removed}. */
    public void removed(String conversationId, String userId) {
        for (PushSubscription subscription : receipts.of(conversationId)) {
            if (subscription.session().userId().equals(userId)) {
                receipts.removed(subscription);
            }
        }
    }

    /**
     * Sends a typing signal to the conversation's typing subscribers here, except the typing user's own sessions; a
     * subscriber who is no longer a member gets {@code member.removed} instead and is dropped.
     */
    void toTyping(TypingSignal signal) {
        List<PushSubscription> subscribers = typing.of(signal.conversationId());
        if (subscribers.isEmpty()) {
            return;
        }
        var summary = access.summaries(List.of(signal.conversationId())).get(signal.conversationId());
        List<String> members = summary == null ? List.of() : summary.memberIds();
        TypingFrame frame = new TypingFrame(signal.conversationId(), signal.userId(), signal.typing());
        for (PushSubscription subscriber : subscribers) {
            String userId = subscriber.session().userId();
            if (userId.equals(signal.userId())) {
                continue;
            }
            if (members.contains(userId)) {
                typing.send(subscriber, frame);
            } else {
                typing.removed(subscriber);
            }
        }
    }
}
