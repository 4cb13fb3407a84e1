package io.parley.query.live;

/**
 * A subscription this instance's delivery pushes frames to, kept in one {@link Subscribers} index: a conversation's
 * {@code /topic/conversations/{id}/typing} or {@code /receipts} ({@code conversationId} set), or the user's own
 * {@code /user/queue/events} ({@code conversationId} null).
 */
final class PushSubscription implements LiveSubscription {

    private final LiveSession session;
    private final String id;
    private final String destination;
    private final String conversationId;
    private final Subscribers index;
    private volatile boolean cancelled;

    PushSubscription(LiveSession session, String id, String destination, String conversationId, Subscribers index) {
        this.session = session;
        this.id = id;
        this.destination = destination;
        this.conversationId = conversationId;
        this.index = index;
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

    /** What its index files it under: the conversation of a topic, the user of a user queue. */
    String key() {
        return conversationId == null ? session.userId() : conversationId;
    }

    Subscribers index() {
        return index;
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void cancel() {
        cancelled = true;
        index.remove(this);
    }
}
