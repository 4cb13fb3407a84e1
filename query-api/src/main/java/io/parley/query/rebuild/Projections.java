package io.parley.query.rebuild;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The projections of this service: the processing groups of its streaming processors whose tokens are shared by
 * every instance. Processors with tokens in memory and those listed in {@code parley.rebuild.excluded-processors}
 * run no projection: they have no read model to rebuild.
 */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final RebuildProperties properties;

    Projections(EventProcessingConfiguration processing, RebuildProperties properties) {
        this.processing = processing;
        this.properties = properties;
    }

    /** Every projection, by name. */
    public List<Projection> all() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(processor -> runsProjections(processor.getName()))
                .flatMap(Projections::projectionsOf)
                .sorted(Comparator.comparing(Projection::name))
                .toList();
    }

    public Optional<Projection> named(String name) {
        return all().stream().filter(projection -> projection.name().equals(name)).findFirst();
    }

    private boolean runsProjections(String processorName) {
        return !properties.excludedProcessors().contains(processorName)
                && !(processing.tokenStore(processorName) instanceof InMemoryTokenStore);
    }

    private static Stream<Projection> projectionsOf(StreamingEventProcessor processor) {
        Map<String, List<Class<?>>> byGroup = new LinkedHashMap<>();
        for (Class<?> type : handlerTypes(((AbstractEventProcessor) processor).eventHandlerInvoker())) {
            byGroup.computeIfAbsent(processingGroup(type), group -> new ArrayList<>()).add(type);
        }
        return byGroup.entrySet().stream()
                .map(group -> new Projection(group.getKey(), processor, group.getValue()));
    }

    private static List<Class<?>> handlerTypes(EventHandlerInvoker invoker) {
        List<Class<?>> types = new ArrayList<>();
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> types.addAll(handlerTypes(delegate)));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            for (EventMessageHandler handler : simple.eventHandlers()) {
                types.add(ClassUtils.getUserClass(handler.getTargetType()));
            }
        } else {
            throw new IllegalStateException("Cannot tell the handlers invoked by " + invoker.getClass().getName());
        }
        return types;
    }

    /** The handler's {@code @ProcessingGroup}, or Axon's default for a class without one: its package. */
    private static String processingGroup(Class<?> type) {
        ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
        return group != null ? group.value() : type.getPackageName();
    }
}
