package io.parley.query.web;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

import io.parley.kernel.progress.ProcessorProgress;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * Whether the projections of this service have processed everything up to a global position, whichever instance of
 * the service runs them ({@link ProcessorProgress}: in-memory status here, stored tokens elsewhere; waiters woken by
 * commits). Projections run by another instance are looked at again every {@code parley.read-your-writes.recheck}.
 */
@Component
public class ProcessedPositions {

    private final EventProcessingConfiguration processing;
    private final ProcessorProgress progress;
    private final SettledGaps gaps;

    ProcessedPositions(EventProcessingConfiguration processing, ProcessorProgress progress, SettledGaps gaps) {
        this.processing = processing;
        this.progress = progress;
        this.gaps = gaps;
    }

    /** Waits until {@link #reached(long)} or the timeout; false when the time ran out. */
    boolean await(long position, Duration timeout, Duration recheck) {
        return progress.await(() -> reached(position), timeout, recheck);
    }

    boolean reached(long position) {
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming
                    && !progress.all(streaming, token -> covers(token, position, gaps::pending))) {
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
                    && !progress.all(streaming, token -> covers(token, position, gaps::pending))) {
                behind.put(name, streaming.processingStatus().values().stream()
                        .map(status -> String.valueOf(status.getTrackingToken()))
                        .toList() + " stored " + progress.storedTokens(name).values()
                        + (streaming.isRunning() ? "" : " (not running)"));
            }
        });
        return behind;
    }

    /**
     * A token covers a position when the event there, and every event before it, has been processed: the token is at
     * or past it with no gap up to it that may still fill (a gap older than any transaction never will).
     */
    static boolean covers(TrackingToken token, long position, LongPredicate pendingGap) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current == null) {
            return false;
        }
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position
                    && gapAware.getGaps().headSet(position + 1).stream().noneMatch(pendingGap::test);
        }
        return current.position().orElse(Long.MIN_VALUE) >= position;
    }
}
