package io.parley.query.rebuild;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import io.parley.query.live.LiveChanges;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Builds the shadow of a live projection: fresh instances of its event handler classes (its processing group's, not
 * those of the other projections its processor runs), constructed like Spring constructs them but with a
 * {@link MongoTemplate} over {@link ShadowCollections}, a query update emitter nobody subscribes to and
 * {@link LiveChanges#NONE} (a shadow never publishes live changes), run by a tracking processor of their own on the
 * same event store, token store and transaction manager, starting from the tail, with the live processor's error
 * handlers and the group's sequencing policy. Not its handler interceptors: the tracking processor registers one of
 * its own among them, and a shadow sends no messages that would need correlation data. Any other constructor
 * argument is the application's bean: a side effect beyond the collections (the revoked-session cache) happens once
 * more, as in a replay.
 */
@Component
class ShadowProcessors {

    private final EventProcessingConfiguration processing;
    private final org.axonframework.config.Configuration axon;
    private final EventStore eventStore;
    private final MongoTemplate mongo;
    private final BeanFactory beans;
    private final RebuildProperties properties;
    private final Map<String, Set<String>> collectionsByPackage = new ConcurrentHashMap<>();

    ShadowProcessors(EventProcessingConfiguration processing, org.axonframework.config.Configuration axon,
                     EventStore eventStore, MongoTemplate mongo, BeanFactory beans, RebuildProperties properties) {
        this.processing = processing;
        this.axon = axon;
        this.eventStore = eventStore;
        this.mongo = mongo;
        this.beans = beans;
        this.properties = properties;
    }

    /** The shadow processor and, per projection it rebuilds, the collections it builds. */
    record Shadow(TrackingEventProcessor processor, List<ShadowCollections> collections) {
    }

    Shadow build(Projection projection, String rebuildId) {
        return build(projection.name(), List.of(projection), rebuildId);
    }

    /**
     * One shadow for several projections of one processor ({@code scope} names its collections and processor): each
     * projection's handlers in an invoker of their own, with their own collections, error handler and sequencing
     * policy, all fed by one read of the event store.
     */
    Shadow build(String scope, List<Projection> projections, String rebuildId) {
        String processorName = projections.getFirst().processor().getName();
        if (projections.stream().anyMatch(projection -> !projection.processor().getName().equals(processorName))) {
            throw new IllegalArgumentException("One shadow rebuilds projections of one processor only");
        }
        QueryUpdateEmitter silent = SimpleQueryUpdateEmitter.builder().build();
        List<ShadowCollections> collections = new ArrayList<>();
        List<EventHandlerInvoker> invokers = new ArrayList<>();
        for (Projection projection : projections) {
            List<Class<?>> handlerTypes = projection.handlerTypes();
            Set<String> owned = new LinkedHashSet<>();
            handlerTypes.forEach(type -> owned.addAll(collectionsOf(type.getPackageName())));
            ShadowCollections own = new ShadowCollections(mongo, scope, owned);
            collections.add(own);
            List<Object> handlers = new ArrayList<>();
            handlerTypes.forEach(type -> handlers.add(instantiate(type, own.template(), silent)));
            invokers.add(SimpleEventHandlerInvoker.builder()
                    .eventHandlers(handlers)
                    .parameterResolverFactory(axon.parameterResolverFactory())
                    .handlerDefinition(axon.handlerDefinition(handlerTypes.getFirst()))
                    .listenerInvocationErrorHandler(processing.listenerInvocationErrorHandler(projection.name()))
                    .sequencingPolicy(processing.sequencingPolicy(projection.name()))
                    .build());
        }
        EventHandlerInvoker invoker = invokers.size() == 1 ? invokers.getFirst()
                : new MultiEventHandlerInvoker(invokers);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(ShadowCollections.prefix(scope) + rebuildId)
                .eventHandlerInvoker(invoker)
                .messageSource(eventStore)
                .tokenStore(processing.tokenStore(processorName))
                .transactionManager(processing.transactionManager(processorName))
                .errorHandler(processing.errorHandler(processorName))
                .rollbackConfiguration(processing.rollbackConfiguration(processorName))
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(properties.batchSize())
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        return new Shadow(processor, collections);
    }

    /** The collections of the {@code @Document} classes of a package: what its projection owns. */
    private Set<String> collectionsOf(String packageName) {
        return collectionsByPackage.computeIfAbsent(packageName, name -> {
            var scanner = new ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(Document.class));
            Set<String> collections = new LinkedHashSet<>();
            for (BeanDefinition candidate : scanner.findCandidateComponents(name)) {
                Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
                if (type.getPackageName().equals(name)) {
                    collections.add(mongo.getCollectionName(type));
                }
            }
            return collections;
        });
    }

    private Object instantiate(Class<?> type, MongoTemplate shadowTemplate, QueryUpdateEmitter silent) {
        Constructor<?> constructor = BeanUtils.getResolvableConstructor(type);
        Class<?>[] parameters = constructor.getParameterTypes();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Class<?> parameter = parameters[i];
            if (parameter.isAssignableFrom(MongoTemplate.class) && MongoOperations.class.isAssignableFrom(parameter)) {
                arguments[i] = shadowTemplate;
            } else if (parameter == QueryUpdateEmitter.class) {
                arguments[i] = silent;
            } else if (parameter == LiveChanges.class) {
                arguments[i] = LiveChanges.NONE;
            } else {
                arguments[i] = beans.getBean(parameter);
            }
        }
        return BeanUtils.instantiateClass(constructor, arguments);
    }
}
