package io.parley.query.rebuild;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.EventProcessingConfiguration;
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

    record Shadow(TrackingEventProcessor processor, ShadowCollections collections) {
    }

    Shadow build(Projection projection, String rebuildId) {
        String name = projection.name();
        String processorName = projection.processor().getName();
        List<Class<?>> handlerTypes = projection.handlerTypes();
        Set<String> owned = new LinkedHashSet<>();
        handlerTypes.forEach(type -> owned.addAll(collectionsOf(type.getPackageName())));
        ShadowCollections collections = new ShadowCollections(mongo, name, owned);
        QueryUpdateEmitter silent = SimpleQueryUpdateEmitter.builder().build();
        List<Object> handlers = new ArrayList<>();
        handlerTypes.forEach(type -> handlers.add(instantiate(type, collections.template(), silent)));

        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(handlerTypes.getFirst()))
                .listenerInvocationErrorHandler(processing.listenerInvocationErrorHandler(name))
                .sequencingPolicy(processing.sequencingPolicy(name))
                .build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(ShadowCollections.prefix(name) + rebuildId)
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
