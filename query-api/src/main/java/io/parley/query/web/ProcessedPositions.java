package io.parley.query.web;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * Whether every streaming processor of this service has processed the event at a global position.
 * <p>
 * It reads the processors' in-memory status, which Axon advances right after a batch's unit of work has
 * completed (after any handler interceptor's commit callbacks, so an interceptor signal would announce a
 * position the status does not show yet); hence a parked re-check every poll interval rather than a signal.
 */
@Component
class ProcessedPositions {

    private final EventProcessingConfiguration processing;

    ProcessedPositions(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Waits until {@link #reached(long)} or the timeout; false when the time ran out. */
    boolean await(long position, Duration timeout, Duration pollInterval) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(position)) {
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

    boolean reached(long position) {
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && !reached(streaming, position)) {
                return false;
            }
        }
        return true;
    }

    /** Processors that have not reached the position, with their segments' tokens: for the log. */
    Map<String, String> behind(long position) {
        Map<String, String> behind = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && !reached(streaming, position)) {
                behind.put(name, streaming.processingStatus().values().stream()
                        .map(status -> String.valueOf(status.getTrackingToken()))
                        .toList() + (streaming.isRunning() ? "" : " (not running)"));
            }
        });
        return behind;
    }

    private static boolean reached(StreamingEventProcessor processor, long position) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            if (!covers(segment.getTrackingToken(), position)) {
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
}
