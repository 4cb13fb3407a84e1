package io.parley.query.projection;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Every projection of this service (each a processing group) runs in one tracking processor, {@value #NAME}: each
 * event is read and deserialised once, each batch is one unit of work and one transaction, and its token is stored
 * once, where a processor per projection stored nine tokens per batch (docs/adr/0004, "Fewer processors"). A
 * projection is still rebuilt on its own (see {@code rebuild.Projections}).
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionProcessor {

    /** The processor's name, declared in application.yml. */
    public static final String NAME = "projections";

    @Autowired
    void assign(EventProcessingConfigurer processing) {
        processing.assignProcessingGroup(group -> NAME);
    }
}
