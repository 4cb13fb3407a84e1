package io.parley.query.live;

/**
 * A subscription this instance's delivery pushes to: the user's own {@code /user/queue/events}, or a conversation's
 * {@code /topic/conversations/{id}/receipts} ({@code conversationId} set).
 */
final class PushSubscription implements LiveSubscription {

    private final LiveSession session;
    private final String id;
    private final String destination;
    private final String conversationId;
    private final Pushes pushes;
    private volatile boolean cancelled;

    PushSubscription(LiveSession session, String id, String destination, String conversationId, Pushes pushes) {
        this.session = session;
        this.id = id;
        this.destination = destination;
        this.conversationId = conversationId;
        this.pushes = pushes;
    }

    @Override
    public String id() {
        return id;
    }

    LiveSession session() {
        return session;
    }

    String destination() {
        return destination;
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
        pushes.unregister(this);
    }
}
