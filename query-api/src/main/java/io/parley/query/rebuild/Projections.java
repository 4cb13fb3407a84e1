package io.parley.query.rebuild;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.stereotype.Component;

/**
 * The projections of this service: its streaming processors whose tokens are shared by every instance. Any with
 * tokens in memory and those listed in {@code parley.rebuild.excluded-processors} are not projections: they have no
 * read model to rebuild.
 */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final RebuildProperties properties;

    Projections(EventProcessingConfiguration processing, RebuildProperties properties) {
        this.processing = processing;
        this.properties = properties;
    }

    /** Every projection's processor, by name. */
    public List<StreamingEventProcessor> all() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(processor -> isProjection(processor.getName()))
                .sorted(Comparator.comparing(StreamingEventProcessor::getName))
                .toList();
    }

    public Optional<StreamingEventProcessor> named(String name) {
        return all().stream().filter(processor -> processor.getName().equals(name)).findFirst();
    }

    private boolean isProjection(String name) {
        return !properties.excludedProcessors().contains(name)
                && !(processing.tokenStore(name) instanceof InMemoryTokenStore);
    }
}
