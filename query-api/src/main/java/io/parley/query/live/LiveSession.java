package io.parley.query.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.parley.kernel.error.ErrorCode;
import org.springframework.messaging.MessageChannel;

/**
 * One connected, authenticated STOMP session: its user, the login session of its token ({@code sid}), its
 * subscriptions and its rate limits. Frames to it go
 * through {@code outbound}, which keeps them in the order they were sent (Spring's outbound channel alone runs on a
 * thread pool and may reorder).
 */
final class LiveSession {

    private final String id;
    private final String userId;
    private final String loginSessionId;
    private final MessageChannel outbound;
    private final RateLimit frames;
    private final RateLimit typing;
    private final int maxSubscriptions;
    private final Map<String, LiveSubscription> subscriptions = new HashMap<>();
    private boolean closed;

    LiveSession(String id, String userId, String loginSessionId, MessageChannel outbound, LiveProperties limits) {
        this.id = id;
        this.userId = userId;
        this.loginSessionId = loginSessionId;
        this.outbound = outbound;
        this.frames = new RateLimit(limits.framesPerSecond(), limits.frameBurst());
        this.typing = new RateLimit(limits.typingPerSecond(), limits.typingBurst());
        this.maxSubscriptions = limits.maxSubscriptionsPerSession();
    }

    String id() {
        return id;
    }

    String userId() {
        return userId;
    }

    /** The {@code sid} of the access token this session connected with: the login it belongs to. */
    String loginSessionId() {
        return loginSessionId;
    }

    MessageChannel outbound() {
        return outbound;
    }

    RateLimit frames() {
        return frames;
    }

    RateLimit typing() {
        return typing;
    }

    /** Adds a subscription; a closed session cancels it at once. */
    void add(LiveSubscription subscription) {
        synchronized (this) {
            if (!closed) {
                if (subscriptions.containsKey(subscription.id())) {
                    throw new StompRejection(ErrorCode.VALIDATION_FAILED,
                            "Subscription id " + subscription.id() + " is in use on this connection.");
                }
                if (subscriptions.size() >= maxSubscriptions) {
                    throw new StompRejection(ErrorCode.RATE_LIMITED,
                            "At most " + maxSubscriptions + " subscriptions per connection.");
                }
                subscriptions.put(subscription.id(), subscription);
                return;
            }
        }
        subscription.cancel();
    }

    synchronized LiveSubscription remove(String subscriptionId) {
        return subscriptions.remove(subscriptionId);
    }

    /** Removes exactly this subscription, not a later one that reuses its id. */
    synchronized void remove(LiveSubscription subscription) {
        subscriptions.remove(subscription.id(), subscription);
    }

    synchronized int subscriptionCount() {
        return subscriptions.size();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Ends every subscription; later frames of this session are ignored. */
    void close() {
        List<LiveSubscription> ended;
        synchronized (this) {
            closed = true;
            ended = new ArrayList<>(subscriptions.values());
            subscriptions.clear();
        }
        ended.forEach(LiveSubscription::cancel);
    }
}
