package io.parley.kernel.config;

import io.parley.kernel.privacy.PersonalDataKeys;
import io.parley.kernel.privacy.PersonalDataSerializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Settings of Axon's Jackson 3 serializer, which every service uses for events, messages, snapshots and tokens.
 * <p>
 * A processor reset stores a {@code ReplayToken}, whose fields are typed by class name with {@code Object} as base
 * type. Jackson 3 refuses such types unless a validator allows them, so without this the serializer could write the
 * token but not read it back: Axon's own types are allowed, nothing else.
 * <p>
 * The event serializer is wrapped in {@link PersonalDataSerializer} (crypto-shredding, docs/adr/0007): every
 * service writes and reads events through it, in both event store modes. Snapshots and tokens use the general
 * serializer; no aggregate state holds personal data.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@ConditionalOnClass(Jackson3SerializerCustomizer.class)
public class AxonSerializerAutoConfiguration {

    static final String EVENT_SERIALIZER = "eventSerializer";

    @Bean
    Jackson3SerializerCustomizer axonTokenTypes() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .build());
    }

    /** Static, and the keys looked up lazily: post-processors are built before the beans they decorate. */
    @Bean
    static BeanPostProcessor personalDataEventSerializer(ObjectProvider<PersonalDataKeys> keys) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (EVENT_SERIALIZER.equals(beanName) && bean instanceof Jackson3Serializer jackson) {
                    // Found once, on first use: a bean look-up per event was 3-4 % of a service's CPU in a burst.
                    return new PersonalDataSerializer(jackson, SingletonSupplier.of(() -> {
                        PersonalDataKeys found = keys.getIfAvailable();
                        if (found == null) {
                            throw new IllegalStateException("Events with personal data need a PersonalDataKeys bean");
                        }
                        return found;
                    }));
                }
                return bean;
            }
        };
    }
}
