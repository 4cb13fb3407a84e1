package io.parley.query.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.parley.query.web.ProcessedPositions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/admin/projections (role ADMIN, see SecurityConfig). The per-instance live delivery processors are no
 * projections and are not listed.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
class ProjectionsController {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProjectionsController(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @GetMapping
    List<ProjectionStatus> projections() {
        long head = position(eventStore.createHeadToken());
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(processor -> !ProcessedPositions.isPerInstance(processor.getName()))
                .map(processor -> status(processor, head))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    static ProjectionStatus status(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.isEmpty() ? 0 : segments.values().stream()
                .mapToLong(segment -> position(segment.getTrackingToken()))
                .min()
                .orElse(0);
        long lag = Math.max(0, head - position);
        double progress = head <= 0 ? 1.0 : Math.min(1.0, (double) position / head);
        return new ProjectionStatus(processor.getName(), position, head, lag, state(processor, segments), progress);
    }

    private static ProjectionStatus.State state(StreamingEventProcessor processor,
                                                Map<Integer, EventTrackerStatus> segments) {
        if (processor.isError() || segments.values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
            return ProjectionStatus.State.ERROR;
        }
        if (!processor.isRunning()) {
            return ProjectionStatus.State.STOPPED;
        }
        return processor.isReplaying() ? ProjectionStatus.State.REPLAYING : ProjectionStatus.State.RUNNING;
    }

    /** The global position a token has reached; 0 before the first event. */
    private static long position(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        OptionalLong position = token.position();
        return position.isPresent() ? Math.max(0, position.getAsLong()) : 0;
    }
}
