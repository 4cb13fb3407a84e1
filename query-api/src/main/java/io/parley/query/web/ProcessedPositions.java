package io.parley.query.web;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

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
 * A projection's segments claimed by this instance are judged by the processor's in-memory status, which Axon
 * advances right after a batch's unit of work has completed (after any handler interceptor's commit callbacks, so
 * an interceptor signal would announce a position the status does not show yet); hence a parked re-check every
 * poll interval rather than a signal. Segments claimed by another instance (or by none) are judged by their stored
 * tokens ({@link StoredTokens}). The per-instance live delivery processors ({@value #PER_INSTANCE_PREFIX}…) are no
 * projections and are left out: they write nothing anyone reads.
 */
@Component
public class ProcessedPositions {

    /** Name prefix of processors each instance runs for itself, with tokens of its own (live delivery). */
    public static final String PER_INSTANCE_PREFIX = "live-delivery-";

    private final EventProcessingConfiguration processing;
    private final StoredTokens stored;

    ProcessedPositions(EventProcessingConfiguration processing, StoredTokens stored) {
        this.processing = processing;
        this.stored = stored;
    }

    public static boolean isPerInstance(String processorName) {
        return processorName.startsWith(PER_INSTANCE_PREFIX);
    }

    /** Waits until {@link #reached(long)} or the timeout; false when the time ran out. */
    boolean await(long position, Duration timeout, Duration pollInterval) {
        return await(() -> reached(position), timeout, pollInterval);
    }

    /**
     * Waits until each of the named projections has processed the event at {@code position} (itself, not
     * necessarily every event before it), or the timeout; false when the time ran out.
     */
    public boolean awaitEvent(Collection<String> projections, long position, Duration timeout, Duration pollInterval) {
        return await(() -> projections.stream().allMatch(name -> processedEvent(name, position)), timeout,
                pollInterval);
    }

    boolean reached(long position) {
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && !isPerInstance(processor.getName())
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
            if (processor instanceof StreamingEventProcessor streaming && !isPerInstance(name)
                    && !all(streaming, token -> covers(token, position))) {
                behind.put(name, streaming.processingStatus().values().stream()
                        .map(status -> String.valueOf(status.getTrackingToken()))
                        .toList() + " stored " + stored.tokens(name).values()
                        + (streaming.isRunning() ? "" : " (not running)"));
            }
        });
        return behind;
    }

    private boolean processedEvent(String processorName, long position) {
        return processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .map(processor -> all(processor, token -> coversEvent(token, position)))
                .orElse(false);
    }

    /** Every segment of the processor, here or elsewhere, passes the test; false when it has no segment at all. */
    private boolean all(StreamingEventProcessor processor, Predicate<TrackingToken> test) {
        Map<Integer, EventTrackerStatus> here = processor.processingStatus();
        for (EventTrackerStatus segment : here.values()) {
            if (!test.test(segment.getTrackingToken())) {
                return false;
            }
        }
        boolean elsewhere = stored.segments(processor.getName()).stream().anyMatch(id -> !here.containsKey(id));
        if (!elsewhere) {
            return !here.isEmpty();
        }
        Map<Integer, TrackingToken> tokens = stored.tokens(processor.getName());
        for (Map.Entry<Integer, TrackingToken> segment : tokens.entrySet()) {
            if (!here.containsKey(segment.getKey()) && !test.test(segment.getValue())) {
                return false;
            }
        }
        return !tokens.isEmpty() || !here.isEmpty();
    }

    private static boolean await(BooleanSupplier condition, Duration timeout, Duration pollInterval) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, pollInterval.toNanos()));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
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

    /**
     * A token covers the event at a position when that event has been processed, whatever gaps (events of
     * transactions still open) remain before it.
     */
    static boolean coversEvent(TrackingToken token, long position) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current == null) {
            return false;
        }
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current.position().orElse(Long.MIN_VALUE) >= position;
    }
}
