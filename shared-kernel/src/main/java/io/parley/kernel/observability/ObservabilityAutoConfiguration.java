package io.parley.kernel.observability;

import java.util.List;

import jakarta.servlet.Filter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Request ids and the request log line in every service, and the request's ids carried through Axon: a command
 * dispatched while a request runs carries its request and trace ids as metadata, Axon's correlation data copies
 * them onto the events the command caused, and every event processor puts them back into the MDC while it handles
 * such an event (notification jobs then carry them on, see notification-handler's JobMessages).
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(EventProcessingConfigurer.class)
public class ObservabilityAutoConfiguration {

    /** The request's ids onto the events a command causes; Axon's own correlation and trace of messages kept. */
    @Bean
    static CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(LogContext.REQUEST_ID_METADATA, LogContext.TRACE_ID_METADATA);
    }

    @Bean
    static CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /** Once everything is built: the command bus is part of Axon's configuration, which needs the beans above. */
    @Bean
    static SmartInitializingSingleton tagCommandsWithRequestIds(ObjectProvider<CommandBus> commandBus) {
        MessageDispatchInterceptor<CommandMessage<?>> tag = (List<? extends CommandMessage<?>> messages) -> (i, m) -> {
            MetaData ids = MetaData.from(LogContext.asMetadata());
            return ids.isEmpty() ? m : m.andMetaData(ids);
        };
        return () -> commandBus.ifAvailable(bus -> bus.registerDispatchInterceptor(tag));
    }

    @Autowired
    void restoreIdsWhileHandlingEvents(EventProcessingConfigurer processing) {
        MessageHandlerInterceptor<EventMessage<?>> restore = (unitOfWork, chain) -> {
            MetaData metaData = unitOfWork.getMessage().getMetaData();
            Runnable clear = LogContext.restore(metaData.get(LogContext.REQUEST_ID_METADATA),
                    metaData.get(LogContext.TRACE_ID_METADATA));
            try {
                return chain.proceed();
            } finally {
                clear.run();
            }
        };
        processing.registerDefaultHandlerInterceptor((configuration, processorName) -> restore);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(Filter.class)
    static class RequestLogging {

        /** Inside Spring's tracing filter (so the trace id is in the MDC), outside everything of Parley's. */
        @Bean
        FilterRegistrationBean<RequestLogFilter> requestLogFilter(
                @Value("${parley.logging.requests:true}") boolean logRequests) {
            FilterRegistrationBean<RequestLogFilter> registration =
                    new FilterRegistrationBean<>(new RequestLogFilter(logRequests));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
            return registration;
        }

        /** Right after Spring Security's filter chain (order -100), which has authenticated the caller by then. */
        @Bean
        FilterRegistrationBean<RequestUserFilter> requestUserFilter() {
            FilterRegistrationBean<RequestUserFilter> registration = new FilterRegistrationBean<>(new RequestUserFilter());
            registration.setOrder(-99);
            return registration;
        }
    }
}
