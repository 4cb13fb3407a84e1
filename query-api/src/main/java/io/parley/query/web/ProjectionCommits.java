package io.parley.query.web;

import io.parley.kernel.config.BatchCommits;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wakes the {@code X-Min-Position} waiters ({@link ProcessedPositions}) each time a projection of this instance has
 * committed a batch, its token included.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionCommits {

    @Bean
    static BatchCommits batchCommits() {
        return new BatchCommits();
    }

    @Autowired
    void configure(EventProcessingConfigurer processing, BatchCommits batchCommits) {
        processing.registerDefaultHandlerInterceptor((config, processor) -> batchCommits.interceptor());
    }
}
