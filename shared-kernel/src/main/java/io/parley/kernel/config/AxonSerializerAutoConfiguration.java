package io.parley.kernel.config;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Settings of Axon's Jackson 3 serializer, which every service uses for events, messages, snapshots and tokens.
 * <p>
 * A processor reset stores a {@code ReplayToken}, whose fields are typed by class name with {@code Object} as base
 * type. Jackson 3 refuses such types unless a validator allows them, so without this the serializer could write the
 * token but not read it back: Axon's own types are allowed, nothing else.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(Jackson3SerializerCustomizer.class)
public class AxonSerializerAutoConfiguration {

    @Bean
    Jackson3SerializerCustomizer axonTokenTypes() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .build());
    }
}
