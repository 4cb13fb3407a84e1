package io.parley.query.web;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.parley.kernel.config.BatchCommits;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * Whether the projections of this service have processed the event at a global position, whichever instance of the
 * service runs them.
 * <p>
 * A projection's segments are judged by the processor's in-memory status where this instance claimed them, else (or
 * when that status is not there yet) by their stored tokens ({@link StoredTokens}). A waiter does not poll: every
 * batch a projection of this instance commits is counted ({@link ProjectionCommits}), and the waiter looks
 * again then. The in-memory status trails that signal (Axon advances it after the batch's commit callbacks); the
 * stored token, committed with the batch, does not. Projections run by another instance are looked at again every
 * {@code parley.read-your-writes.recheck}.
 */
@Component
public class ProcessedPositions {

    private final EventProcessingConfiguration processing;
    private final StoredTokens stored;
    private final BatchCommits commits;

    ProcessedPositions(EventProcessingConfiguration processing, StoredTokens stored, BatchCommits commits) {
        this.processing = processing;
        this.stored = stored;
        this.commits = commits;
    }

    /** Waits until {@link #reached(long)} or the timeout; false when the time ran out. */
    boolean await(long position, Duration timeout, Duration recheck) {
        return commits.await(() -> reached(position), timeout.toNanos(), recheck.toNanos());
    }

    boolean reached(long position) {
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming
                    && !all(streaming, token -> covers(token, position))) {
                return false;
            }
        }
        return true;
    }

    /** Processors that have not reached the position, with their segments' tokens: for the log. */
    Map<String, String> behind(long position) {
        Map<String, String> behind = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming
                    && !all(streaming, token -> covers(token, position))) {
                behind.put(name, streaming.processingStatus().values().stream()
                        .map(status -> String.valueOf(status.getTrackingToken()))
                        .toList() + " stored " + stored.tokens(name).values()
                        + (streaming.isRunning() ? "" : " (not running)"));
            }
        });
        return behind;
    }

    /**
     * Every segment of the processor, here or elsewhere, passes the test, by its in-memory status here or else its
     * stored token; false when it has no segment at all.
     */
    private boolean all(StreamingEventProcessor processor, Predicate<TrackingToken> test) {
        Map<Integer, EventTrackerStatus> here = processor.processingStatus();
        boolean behindHere = here.values().stream().anyMatch(segment -> !test.test(segment.getTrackingToken()));
        boolean elsewhere = stored.segments(processor.getName()).stream().anyMatch(id -> !here.containsKey(id));
        if (!behindHere && !elsewhere) {
            return !here.isEmpty();
        }
        Map<Integer, TrackingToken> tokens = stored.tokens(processor.getName());
        for (Map.Entry<Integer, TrackingToken> segment : tokens.entrySet()) {
            EventTrackerStatus status = here.get(segment.getKey());
            boolean passes = status != null && test.test(status.getTrackingToken()) || test.test(segment.getValue());
            if (!passes) {
                return false;
            }
        }
        return !tokens.isEmpty() || !here.isEmpty();
    }

    /** A token covers a position when the event there, and every event before it, has been processed. */
    static boolean covers(TrackingToken token, long position) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current == null) {
            return false;
        }
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && gapAware.getGaps().headSet(position + 1).isEmpty();
        }
        return current.position().orElse(Long.MIN_VALUE) >= position;
    }
}
