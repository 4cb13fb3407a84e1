package io.parley.query.rebuild;

import java.time.Clock;
import java.util.Arrays;
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

    private final Projections projections;
    private final ShadowProcessors shadows;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ReadModelSwitch readModelSwitch;
    private final RebuildProperties properties;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, ProjectionRebuild> latest = new ConcurrentHashMap<>();
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
                        rebuilds -> rebuilds.values().stream().filter(ProjectionRebuild::running).count())
                .description("Projection rebuilds under way on this instance")
                .register(meters);
    }

    /** Starts a rebuild of the projection; 404 for an unknown one, 409 while one runs or another instance owns it. */
    public synchronized RebuildStatus start(String name) {
        Projection projection = projections.named(name).orElseThrow(() ->
                new ErrorCodeException(ErrorCode.PROJECTION_NOT_FOUND, "There is no projection " + name + "."));
        StreamingEventProcessor live = projection.processor();
        latest.values().stream()
                .filter(ProjectionRebuild::running)
                .filter(running -> running.processorName().equals(live.getName()))
                .findFirst()
                .ifPresent(running -> {
                    throw new ErrorCodeException(ErrorCode.REBUILD_RUNNING, "Projection " + running.name()
                            + " is being rebuilt (" + running.status().rebuildId() + "); " + name
                            + " shares its processor: try again when that rebuild has finished.");
                });
        requireOwned(live);
        String rebuildId = UUID.randomUUID().toString();
        ShadowProcessors.Shadow shadow = shadows.build(projection, rebuildId);
        TokenStore tokenStore = processing.tokenStore(live.getName());
        ProjectionRebuild rebuild = new ProjectionRebuild(rebuildId, name, live, shadow.processor(),
                shadow.collections(), tokenStore, processing.transactionManager(live.getName()), eventStore,
                readModelSwitch, properties, clock);
        if (latest.put(name, rebuild) == null) {
            Gauge.builder("parley.projection.rebuild.progress", latest, rebuilds -> rebuilds.get(name).status().progress())
                    .description("Share of the event store the latest rebuild of the projection has processed")
                    .tag("projection", name)
                    .register(meters);
        }
        Timer.Sample sample = Timer.start(meters);
        Thread thread = Thread.ofPlatform().name("rebuild-" + name).daemon().unstarted(() -> {
            boolean switched = rebuild.run();
            sample.stop(Timer.builder("parley.projection.rebuild")
                    .description("Duration of projection rebuilds, from start to switch or failure")
                    .tag("projection", name)
                    .tag("outcome", switched ? "switched" : "failed")
                    .register(meters));
            threads.remove(name);
        });
        threads.put(name, thread);
        thread.start();
        return rebuild.status();
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
        latest.values().forEach(ProjectionRebuild::close);
        for (Thread thread : threads.values()) {
            thread.join(10_000);
        }
    }
}
