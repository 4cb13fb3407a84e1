package io.parley.kernel.progress;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;

/**
 * How far this service's event processors have got, whichever instance runs their segments: the one place that
 * answers "has processor X processed event P?" (query-api's {@code X-Min-Position}, notification-handler's wait for
 * its read models).
 * <p>
 * A segment claimed by this instance is judged by the processor's in-memory status or the token of the last batch it
 * committed here ({@link BatchCommits#committedToken}, which the status trails for a moment after each commit), else
 * (claimed elsewhere, or when neither is there yet) by its stored token ({@link StoredTokens}): stored with the
 * batch's writes, it never overstates them. A waiter does not poll: every batch a processor of this JVM commits is counted
 * ({@link BatchCommits}) and the waiter looks again then (the in-memory status trails that signal, the stored token
 * does not); progress made by another instance is looked at again every {@code recheck}.
 */
public class ProcessorProgress {

    private final EventProcessingConfiguration processing;
    private final StoredTokens stored;
    private final BatchCommits commits;

    public ProcessorProgress(EventProcessingConfiguration processing, StoredTokens stored, BatchCommits commits) {
        this.processing = processing;
        this.stored = stored;
        this.commits = commits;
    }

    /** Waits until the condition holds, looking again after each commit here and every {@code recheck}. */
    public boolean await(BooleanSupplier condition, Duration timeout, Duration recheck) {
        return commits.await(condition, timeout.toNanos(), recheck.toNanos());
    }

    /** Whether every segment of the named processor passes the test; false for a processor this service lacks. */
    public boolean all(String processorName, Predicate<TrackingToken> test) {
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(processorName, StreamingEventProcessor.class);
        return processor.isPresent() && all(processor.get(), test);
    }

    /**
     * Whether every segment of the processor, here or elsewhere, passes the test, by its in-memory status here or
     * else its stored token; false when it has no segment at all.
     */
    public boolean all(StreamingEventProcessor processor, Predicate<TrackingToken> test) {
        Map<Integer, EventTrackerStatus> here = processor.processingStatus();
        boolean behindHere = here.entrySet().stream().anyMatch(segment -> !test.test(segment.getValue().getTrackingToken())
                && !test.test(commits.committedToken(processor.getName(), segment.getKey())));
        boolean elsewhere = stored.segments(processor.getName()).stream().anyMatch(id -> !here.containsKey(id));
        if (!behindHere && !elsewhere) {
            return !here.isEmpty();
        }
        Map<Integer, TrackingToken> tokens = stored.tokens(processor.getName());
        for (Map.Entry<Integer, TrackingToken> segment : tokens.entrySet()) {
            EventTrackerStatus status = here.get(segment.getKey());
            boolean passes = status != null && (test.test(status.getTrackingToken())
                    || test.test(commits.committedToken(processor.getName(), segment.getKey())))
                    || test.test(segment.getValue());
            if (!passes) {
                return false;
            }
        }
        return !tokens.isEmpty() || !here.isEmpty();
    }

    /**
     * The global position every segment of the processor has reached (the lowest), by its in-memory status here or
     * else its stored token; empty when it has no segment or one has not started.
     */
    public OptionalLong position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> here = processor.processingStatus();
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        if (stored.segments(processor.getName()).stream().anyMatch(id -> !here.containsKey(id))) {
            tokens.putAll(stored.tokens(processor.getName()));
        }
        here.forEach((segment, status) -> tokens.put(segment, status.getTrackingToken()));
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens.values()) {
            OptionalLong position = token == null ? OptionalLong.empty() : token.position();
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, position.getAsLong());
        }
        return tokens.isEmpty() ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /** The stored token of every segment of the processor (for the log when something is behind). */
    public Map<Integer, TrackingToken> storedTokens(String processorName) {
        return stored.tokens(processorName);
    }
}
