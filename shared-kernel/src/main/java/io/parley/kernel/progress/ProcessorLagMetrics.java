package io.parley.kernel.progress;

import java.util.OptionalLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * {@code parley.processor.lag} per streaming processor: how many events of the store it has still to handle (the
 * head's position minus the lowest position of its segments, here or in the token store). Read when scraped, not
 * kept up to date by the processors, so handling an event costs nothing more; the head is asked once per scrape.
 */
public class ProcessorLagMetrics implements SmartInitializingSingleton {

    private static final long HEAD_CACHE_NANOS = 1_000_000_000L;

    private final EventProcessingConfiguration processing;
    private final ProcessorProgress progress;
    private final ObjectProvider<EventStore> eventStore;
    private final ObjectProvider<MeterRegistry> meters;
    private long headAt;
    private long head;

    public ProcessorLagMetrics(EventProcessingConfiguration processing, ProcessorProgress progress,
                               ObjectProvider<EventStore> eventStore, ObjectProvider<MeterRegistry> meters) {
        this.processing = processing;
        this.progress = progress;
        this.eventStore = eventStore;
        this.meters = meters;
    }

    @Override
    public void afterSingletonsInstantiated() {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null || eventStore.getIfAvailable() == null) {
            return;
        }
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("parley.processor.lag", streaming, this::lag)
                        .tag("processor", name)
                        .baseUnit("events")
                        .description("Events in the store the processor has not handled yet")
                        .register(registry);
            }
        });
    }

    private double lag(StreamingEventProcessor processor) {
        OptionalLong position = progress.position(processor);
        return position.isEmpty() ? Double.NaN : Math.max(0, head() - position.getAsLong());
    }

    // Every processor's gauge is read in one scrape: the head is fetched once for all of them.
    private synchronized long head() {
        long now = System.nanoTime();
        if (now - headAt > HEAD_CACHE_NANOS || headAt == 0) {
            TrackingToken token = eventStore.getObject().createHeadToken();
            head = token == null ? 0 : token.position().orElse(0);
            headAt = now;
        }
        return head;
    }
}
