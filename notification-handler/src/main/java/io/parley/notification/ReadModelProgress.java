package io.parley.notification;

import java.time.Duration;
import java.util.List;

import io.parley.kernel.progress.ProcessorProgress;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether the read-model processors have processed the event a notifier is handling. The read models live in
 * processing groups of their own (so each can be rebuilt alone), and processors advance independently, possibly in
 * another instance of this service: a notifier first waits until every read model it reads has processed its event
 * ({@link ProcessorProgress}: the processors' in-memory status where this instance runs them, their stored tokens
 * where another does; stored only after a batch's writes). The wait does not poll: it looks again when a processor
 * of this instance commits a batch, and every {@code parley.notifications.read-model-recheck} (1 s) for progress made
 * elsewhere.
 */
@Component
public class ReadModelProgress {

    private final ProcessorProgress progress;
    private final Duration timeout;
    private final Duration recheck;

    ReadModelProgress(ProcessorProgress progress,
                      @Value("${parley.notifications.read-model-wait:10s}") Duration timeout,
                      @Value("${parley.notifications.read-model-recheck:1s}") Duration recheck) {
        this.progress = progress;
        this.timeout = timeout;
        this.recheck = recheck;
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
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!progress.await(() -> progress.all(processor, token -> covers(token, event)), left, recheck)) {
                throw new ReadModelBehindException(processor, event);
            }
        }
    }

    /** A segment whose position (a replay's current one) covers the event has processed it; none: not yet. */
    private static boolean covers(TrackingToken segment, TrackingToken event) {
        TrackingToken position = WrappedToken.unwrapLowerBound(segment);
        return position != null && position.covers(event);
    }

    /** A read model has not reached the event yet: thrown out of the handler, the event is retried later. */
    public static class ReadModelBehindException extends RuntimeException {

        ReadModelBehindException(String processor, TrackingToken event) {
            super("read model " + processor + " has not processed " + event + " yet");
        }
    }
}
