package io.parley.query.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.MessageBacklog;
import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageView;
import io.parley.query.live.StompFrames.MemberRemovedFrame;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * One subscription to {@code /topic/conversations/{id}/messages}: the backlog after {@code since-seq}, then the live
 * changes, with no gap and no duplicate between the two.
 * <p>
 * The updates are subscribed before the backlog is read, and held back until the backlog has been delivered. Then
 * every held or later update is checked against what was delivered: a {@code CREATED} must be the next seq (lower
 * ones were in the backlog; a higher one would be a gap, which fails the stream so the client resubscribes); any
 * other change of a backlog message is dropped unless its version is newer than the one delivered.
 */
final class MessageStream implements LiveSubscription {

    private static final Logger log = LoggerFactory.getLogger(MessageStream.class);
    // Updates held back while the backlog is read; far more than a conversation receives in that time.
    private static final int MAX_HELD = 10_000;

    private final LiveSession session;
    private final String id;
    private final String destination;
    private final String conversationId;
    private final StompFrames frames;
    private final List<MessageChange> held = new ArrayList<>();
    private final Map<String, Long> versions = new HashMap<>();
    private long lastSeq;
    private boolean live;
    private boolean ended;
    private SubscriptionQueryResult<MessageBacklog, MessageChange> query;
    private Disposable updates;

    MessageStream(LiveSession session, String id, String destination, String conversationId, long sinceSeq,
                  StompFrames frames) {
        this.session = session;
        this.id = id;
        this.destination = destination;
        this.conversationId = conversationId;
        this.lastSeq = sinceSeq;
        this.frames = frames;
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

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** Starts holding the query's updates; false (and the query cancelled) when this stream has ended meanwhile. */
    boolean attach(SubscriptionQueryResult<MessageBacklog, MessageChange> result) {
        boolean attached;
        synchronized (this) {
            attached = !ended;
            if (attached) {
                query = result;
            }
        }
        if (!attached) {
            result.cancel();
            return false;
        }
        Disposable subscription = result.updates().subscribe(this::onUpdate, this::onFailure);
        synchronized (this) {
            if (!ended) {
                updates = subscription;
                return true;
            }
        }
        subscription.dispose();
        return false;
    }

    /** Delivers a page of the backlog; false when this stream has ended. */
    synchronized boolean backlog(MessageBacklog page) {
        if (ended) {
            return false;
        }
        for (MessageChange item : page.items()) {
            versions.put(item.message().messageId(), item.version());
            frames.message(session, id, destination, StompFrames.frameOf(item));
        }
        lastSeq = Math.max(lastSeq, page.lastSeq());
        return true;
    }

    /** Delivers the held updates and every later one as it comes; false when this stream has ended. */
    synchronized boolean goLive() {
        if (ended) {
            return false;
        }
        live = true;
        List<MessageChange> pending = new ArrayList<>(held);
        held.clear();
        pending.forEach(this::apply);
        return !ended;
    }

    @Override
    public void cancel() {
        SubscriptionQueryResult<MessageBacklog, MessageChange> result;
        Disposable subscription;
        synchronized (this) {
            ended = true;
            held.clear();
            result = query;
            subscription = updates;
        }
        if (subscription != null) {
            subscription.dispose();
        }
        if (result != null) {
            result.cancel();
        }
    }

    private synchronized void onUpdate(MessageChange change) {
        if (ended) {
            return;
        }
        if (!live) {
            held.add(change);
            if (held.size() > MAX_HELD) {
                fail("The conversation moved too fast while your backlog was read; subscribe again.");
            }
            return;
        }
        apply(change);
    }

    private void onFailure(Throwable failure) {
        log.warn("Message stream {} of session {} failed", conversationId, session.id(), failure);
        synchronized (this) {
            if (ended) {
                return;
            }
        }
        fail("The live stream broke; subscribe again with since-seq = the last seq you received.");
    }

    // Called with this stream's lock held.
    private void apply(MessageChange change) {
        if (ended) {
            return;
        }
        switch (change.type()) {
            case MEMBER_REMOVED -> {
                frames.message(session, id, destination, new MemberRemovedFrame(conversationId, session.userId()));
                end();
            }
            case CREATED -> {
                long seq = change.message().seq();
                if (seq <= lastSeq) {
                    return;
                }
                if (seq != lastSeq + 1) {
                    log.warn("Message stream {} of session {} missed seq {} to {}", conversationId, session.id(),
                            lastSeq + 1, seq - 1);
                    fail("Messages went missing from the live stream; subscribe again with since-seq = " + lastSeq
                            + ".");
                    return;
                }
                lastSeq = seq;
                frames.change(session, id, destination, change, change.message().createdAt());
            }
            default -> {
                MessageView message = change.message();
                Long delivered = versions.get(message.messageId());
                if (delivered != null && change.version() <= delivered) {
                    return;
                }
                if (message.seq() > lastSeq) {
                    return;
                }
                if (delivered != null) {
                    versions.put(message.messageId(), change.version());
                }
                frames.change(session, id, destination, change, null);
            }
        }
    }

    private void fail(String detail) {
        end();
        frames.error(session, ErrorCode.INTERNAL_ERROR, detail);
    }

    private void end() {
        session.remove(this);
        cancel();
    }
}
