package io.parley.query.live;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Registers this instance's delivery processor (see {@link LiveDelivery}): named after the instance, one thread and
 * segment, an in-memory token store that starts at the head of the event store, and no transaction manager.
 */
@Configuration(proxyBeanMethods = false)
class LiveDeliveryConfig {

    @Autowired
    void configure(EventProcessingConfigurer processing, LiveInstance instance, LiveProperties properties) {
        String name = LiveDelivery.processorName(instance);
        processing.assignProcessingGroup(LiveDelivery.PROCESSING_GROUP, name)
                .registerTrackingEventProcessor(name, axon -> axon.eventStore(),
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(properties.deliveryBatchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerTokenStore(name, axon -> new InMemoryTokenStore())
                .registerTransactionManager(name, axon -> NoTransactionManager.INSTANCE);
    }
}
