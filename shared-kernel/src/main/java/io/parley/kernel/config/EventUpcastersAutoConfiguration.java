package io.parley.kernel.config;

import io.parley.kernel.message.MessageSentEventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Every upcaster of the kernel's events, in every service: Axon chains the {@link EventUpcaster} beans into the
 * event store's upcaster chain, so old revisions reach handlers, aggregates and replays as the current one.
 * docs/events.md lists each event's revision and the rules for changing one.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(name = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
public class EventUpcastersAutoConfiguration {

    @Bean
    EventUpcaster messageSentEventUpcaster() {
        return new MessageSentEventUpcaster();
    }
}
