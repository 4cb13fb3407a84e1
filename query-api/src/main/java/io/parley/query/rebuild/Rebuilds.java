package io.parley.query.rebuild;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.kernel.error.ErrorCode;
import io.parley.query.web.ErrorCodeException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Starts rebuilds and remembers the latest one of each projection. One rebuild per processor at a time (a rebuild
 * pauses the processor, which runs every projection), and only on the instance that processes every segment of it:
 * that instance alone can pause it. Meters: {@code parley.projection.rebuild.progress} per projection, {@code parley.projection.rebuilds.running},
 * and the timer {@code parley.projection.rebuild} by projection and outcome.
 */
@Component
public class Rebuilds implements DisposableBean {

    /** The scope of a rebuild of every projection of a processor: {@code all-<processor>}. */
    static final String ALL = "all";

    private final Projections projections;
    private final ShadowProcessors shadows;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ReadModelSwitch readModelSwitch;
    private final RebuildProperties properties;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ProjectionRebuild> latest = new ConcurrentHashMap<>();
    /** Rebuild threads by rebuild id. */
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();

    Rebuilds(Projections projections, ShadowProcessors shadows, EventProcessingConfiguration processing,
             EventStore eventStore, ReadModelSwitch readModelSwitch, RebuildProperties properties,
             MeterRegistry meters) {
        this.projections = projections;
        this.shadows = shadows;
        this.processing = processing;
        this.eventStore = eventStore;
        this.readModelSwitch = readModelSwitch;
        this.properties = properties;
        this.meters = meters;
        Gauge.builder("parley.projection.rebuilds.running", latest,
                        rebuilds -> rebuilds.values().stream().distinct().filter(ProjectionRebuild::running).count())
                .description("Projection rebuilds under way on this instance")
                .register(meters);
    }

    /** Starts a rebuild of the projection; 404 for an unknown one, 409 while one runs or another instance owns it. */
    public synchronized RebuildStatus start(String name) {
        Projection projection = projections.named(name).orElseThrow(() ->
                new ErrorCodeException(ErrorCode.PROJECTION_NOT_FOUND, "There is no projection " + name + "."));
        StreamingEventProcessor live = projection.processor();
        requireNoneRunning(live, name);
        requireOwned(live);
        String rebuildId = UUID.randomUUID().toString();
        return launch(name, List.of(projection), shadows.build(projection, rebuildId), rebuildId).status();
    }

    /**
     * Starts a rebuild of every projection: one per processor, which builds all of its projections from one read of
     * the event store and switches them together; each projection's status shows that rebuild. 409 while any
     * rebuild runs on one of the processors, or when this instance does not run one of them wholly.
     */
    public synchronized List<StartedRebuild> startAll() {
        Map<StreamingEventProcessor, List<Projection>> byProcessor = new LinkedHashMap<>();
        projections.all().forEach(projection ->
                byProcessor.computeIfAbsent(projection.processor(), processor -> new ArrayList<>()).add(projection));
        byProcessor.keySet().forEach(live -> requireNoneRunning(live, "every projection"));
        byProcessor.keySet().forEach(this::requireOwned);
        List<StartedRebuild> started = new ArrayList<>();
        byProcessor.forEach((live, group) -> {
            String rebuildId = UUID.randomUUID().toString();
            String scope = ALL + "-" + live.getName();
            ProjectionRebuild rebuild = launch(scope, group, shadows.build(scope, group, rebuildId), rebuildId);
            started.add(new StartedRebuild(live.getName(), group.stream().map(Projection::name).toList(),
                    rebuild.status()));
        });
        return started;
    }

    /** A rebuild that started: the processor whose projections it rebuilds, their names and where it stands. */
    public record StartedRebuild(String processor, List<String> projections, RebuildStatus status) {
    }

    private void requireNoneRunning(StreamingEventProcessor live, String wanted) {
        latest.values().stream()
                .filter(ProjectionRebuild::running)
                .filter(running -> running.processorName().equals(live.getName()))
                .findFirst()
                .ifPresent(running -> {
                    throw new ErrorCodeException(ErrorCode.REBUILD_RUNNING, "Projection " + running.name()
                            + " is being rebuilt (" + running.status().rebuildId() + "); " + wanted
                            + " shares its processor: try again when that rebuild has finished.");
                });
    }

    private ProjectionRebuild launch(String name, List<Projection> rebuilt, ShadowProcessors.Shadow shadow,
                                     String rebuildId) {
        StreamingEventProcessor live = rebuilt.getFirst().processor();
        TokenStore tokenStore = processing.tokenStore(live.getName());
        ProjectionRebuild rebuild = new ProjectionRebuild(rebuildId, name, live, shadow.processor(),
                shadow.collections(), tokenStore, processing.transactionManager(live.getName()), eventStore,
                readModelSwitch, properties, clock);
        for (Projection projection : rebuilt) {
            String projectionName = projection.name();
            if (latest.put(projectionName, rebuild) == null) {
                Gauge.builder("parley.projection.rebuild.progress", latest,
                                rebuilds -> rebuilds.get(projectionName).status().progress())
                        .description("Share of the event store the latest rebuild of the projection has processed")
                        .tag("projection", projectionName)
                        .register(meters);
            }
        }
        Timer.Sample sample = Timer.start(meters);
        Thread thread = Thread.ofPlatform().name("rebuild-" + name).daemon().unstarted(() -> {
            boolean switched = rebuild.run();
            sample.stop(Timer.builder("parley.projection.rebuild")
                    .description("Duration of projection rebuilds, from start to switch or failure")
                    .tag("projection", name)
                    .tag("outcome", switched ? "switched" : "failed")
                    .register(meters));
            threads.remove(rebuildId);
        });
        threads.put(rebuildId, thread);
        thread.start();
        return rebuild;
    }

    public Optional<RebuildStatus> latest(String name) {
        return Optional.ofNullable(latest.get(name)).map(ProjectionRebuild::status);
    }

    private void requireOwned(StreamingEventProcessor live) {
        String name = live.getName();
        Set<Integer> stored = Arrays.stream(processing.transactionManager(name)
                        .fetchInTransaction(() -> processing.tokenStore(name).fetchSegments(name)))
                .boxed()
                .collect(Collectors.toSet());
        if (!live.isRunning() || stored.isEmpty() || !live.processingStatus().keySet().containsAll(stored)) {
            throw new ErrorCodeException(ErrorCode.PROJECTION_NOT_OWNED, "Processor " + name
                    + " is not run wholly by this instance; rebuild its projections on the instance that runs it.");
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        latest.values().stream().distinct().forEach(ProjectionRebuild::close);
        for (Thread thread : threads.values()) {
            thread.join(10_000);
        }
    }
}
