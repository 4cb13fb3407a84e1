package io.parley.query.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.parley.query.rebuild.Projection;
import io.parley.query.rebuild.Projections;
import io.parley.query.rebuild.RebuildStatus;
import io.parley.query.rebuild.Rebuilds;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/admin/projections, POST …/{name}/rebuild and POST …/rebuild (every projection) (role ADMIN, see
 * SecurityConfig): every projection (a
 * processing group, see {@link Projections}) with where the processor that runs it stands.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
class ProjectionsController {

    private final Projections projections;
    private final Rebuilds rebuilds;
    private final EventStore eventStore;

    ProjectionsController(Projections projections, Rebuilds rebuilds, EventStore eventStore) {
        this.projections = projections;
        this.rebuilds = rebuilds;
        this.eventStore = eventStore;
    }

    @GetMapping
    List<ProjectionStatus> projections() {
        long head = position(eventStore.createHeadToken());
        return projections.all().stream()
                .map(projection -> status(projection, head, rebuilds.latest(projection.name()).orElse(null)))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    /** Starts building the projection anew beside the live one; the live read model serves until the switch. */
    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildAccepted rebuild(@PathVariable String name) {
        RebuildStatus started = rebuilds.start(name);
        return new RebuildAccepted(name, started.rebuildId(), started.state());
    }

    /**
     * Starts rebuilding every projection beside the live ones: one rebuild per processor (query-api has one), which
     * reads the event store once for all its projections and switches them together.
     */
    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildAllAccepted rebuildAll() {
        return new RebuildAllAccepted(rebuilds.startAll().stream()
                .map(started -> new RebuildAllAccepted.Item(started.status().rebuildId(), started.processor(),
                        started.projections(), started.status().state()))
                .toList());
    }

    static ProjectionStatus status(Projection projection, long head, RebuildStatus rebuild) {
        StreamingEventProcessor processor = projection.processor();
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.isEmpty() ? 0 : segments.values().stream()
                .mapToLong(segment -> position(segment.getTrackingToken()))
                .min()
                .orElse(0);
        long lag = Math.max(0, head - position);
        double progress = head <= 0 ? 1.0 : Math.min(1.0, (double) position / head);
        return new ProjectionStatus(projection.name(), processor.getName(), position, head, lag,
                state(processor, segments), progress, rebuild);
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
