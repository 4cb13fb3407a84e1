package io.parley.kernel.progress;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every service's {@link ProcessorProgress}, and the {@link BatchCommits} counter registered on every one of its
 * event processors so that waiters are woken when a batch commits.
 */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass({EventProcessingConfigurer.class, JdbcTemplate.class})
public class ProgressAutoConfiguration {

    @Bean
    static BatchCommits batchCommits() {
        return new BatchCommits();
    }

    @Bean
    StoredTokens storedTokens(ObjectProvider<TokenStore> tokenStores, ObjectProvider<TokenSchema> schemas,
                              JdbcTemplate jdbc) {
        return new StoredTokens(tokenStores, schemas, jdbc);
    }

    @Bean
    ProcessorProgress processorProgress(@Lazy EventProcessingConfiguration processing, StoredTokens stored,
                                        BatchCommits batchCommits) {
        return new ProcessorProgress(processing, stored, batchCommits);
    }

    /** Only where Micrometer is (every service has it). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class LagMetrics {

        @Bean
        ProcessorLagMetrics processorLagMetrics(@Lazy EventProcessingConfiguration processing,
                                                ProcessorProgress progress, ObjectProvider<EventStore> eventStore,
                                                ObjectProvider<MeterRegistry> meters) {
            return new ProcessorLagMetrics(processing, progress, eventStore, meters);
        }
    }

    @Autowired
    void countCommits(EventProcessingConfigurer processing, BatchCommits batchCommits) {
        processing.registerDefaultHandlerInterceptor((config, processor) -> batchCommits.interceptor(processor));
    }
}
