package io.parley.query.live;

/** One subscription to {@code /topic/conversations/{id}/typing}; receives once its membership check passed. */
final class TypingSubscription implements LiveSubscription {

    private final LiveSession session;
    private final String id;
    private final String conversationId;
    private final TypingRelay relay;
    private volatile boolean cancelled;

    TypingSubscription(LiveSession session, String id, String conversationId, TypingRelay relay) {
        this.session = session;
        this.id = id;
        this.conversationId = conversationId;
        this.relay = relay;
    }

    @Override
    public String id() {
        return id;
    }

    LiveSession session() {
        return session;
    }

    String conversationId() {
        return conversationId;
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void cancel() {
        cancelled = true;
        relay.unregister(this);
    }
}
