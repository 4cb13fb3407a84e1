package io.parley.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.parley.kernel.config.BatchCommits;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether the read-model processors have processed the event a notifier is handling. The read models live in
 * processing groups of their own (so each can be rebuilt alone), and processors advance independently, possibly in
 * another instance of this service: a notifier first waits until every read model it reads has processed its event,
 * reading their tokens from the shared token store (a token is stored only after its batch's writes). A read-model
 * token once seen is remembered, so a notifier that trails its read models does not query again (the read models
 * are monotonic: a rebuild re-applies events idempotently and never takes a document back).
 * <p>
 * A waiting notifier does not poll: the read-model processors of this instance count every batch they commit
 * ({@link #commits()}, registered by {@link NotificationProcessing}), and the notifier looks again then. Only read models processed by another
 * instance are looked at on a timer ({@code parley.notifications.read-model-recheck}, 1 s).
 */
@Component
public class ReadModelProgress {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration timeout;
    private final Duration recheck;
    private final String query;
    private final Map<String, TrackingToken> reached = new ConcurrentHashMap<>();
    private final BatchCommits commits = new BatchCommits();

    ReadModelProgress(JdbcTemplate jdbc, Serializer serializer, TokenSchema schema,
                      @Value("${parley.notifications.read-model-wait:10s}") Duration timeout,
                      @Value("${parley.notifications.read-model-recheck:1s}") Duration recheck) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.timeout = timeout;
        this.recheck = recheck;
        this.query = "select " + schema.tokenColumn() + ", " + schema.tokenTypeColumn() + " from "
                + schema.tokenTable() + " where " + schema.processorNameColumn() + " = ?";
    }

    /** Counts the batches the read-model processors commit; registered on them as a handler interceptor. */
    public BatchCommits commits() {
        return commits;
    }

    /**
     * Returns once every processor in {@code processors} has processed the event at {@code eventToken} and every
     * event before it that the caller has seen (its token covers the caller's); throws
     * {@link ReadModelBehindException} after the timeout, so the notifier's processor retries the event later.
     */
    public void awaitProcessed(TrackingToken eventToken, List<String> processors) {
        TrackingToken event = eventToken == null ? null : WrappedToken.unwrapUpperBound(eventToken);
        if (event == null) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String processor : processors) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!commits.await(() -> covers(processor, event), left, recheck.toNanos())) {
                throw new ReadModelBehindException(processor, event);
            }
        }
    }

    private boolean covers(String processor, TrackingToken event) {
        TrackingToken known = reached.get(processor);
        if (known != null && known.covers(event)) {
            return true;
        }
        List<TrackingToken> segments = jdbc.query(query, (row, index) -> token(row.getBytes(1), row.getString(2)),
                processor);
        if (segments.isEmpty() || segments.contains(null)) {
            return false;
        }
        // A segment (or, split, every segment) whose token covers the event has processed it.
        boolean covered = segments.stream().allMatch(segment -> segment.covers(event));
        if (covered && segments.size() == 1) {
            reached.put(processor, segments.getFirst());
        }
        return covered;
    }

    /** The position up to which a segment has processed events (a replay's current position); null before any. */
    private TrackingToken token(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken stored = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return WrappedToken.unwrapLowerBound(stored);
    }

    /** A read model has not reached the event yet: thrown out of the handler, the event is retried later. */
    public static class ReadModelBehindException extends RuntimeException {

        ReadModelBehindException(String processor, TrackingToken event) {
            super("read model " + processor + " has not processed " + event + " yet");
        }
    }
}
