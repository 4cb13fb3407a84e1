package io.parley.query.config;

import java.lang.management.ManagementFactory;

import io.parley.query.live.LiveInstance;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projections' token store (PostgreSQL, as Axon would build it) with the instance id in the claim owner: Axon's
 * default owner is the JVM's {@code pid@host}, which two instances sharing a JVM (or a reused pid in containers)
 * would share, and then both would process the same segments.
 */
@Configuration(proxyBeanMethods = false)
class TokenStoreConfig {

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema schema,
                          TokenStoreProperties properties, LiveInstance instance) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(schema)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + instance.id())
                .build();
    }
}
