package io.parley.kernel.config;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Migrates the shared event store schema before Axon's processors start (they start after all singletons). */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration")
@ConditionalOnClass(Flyway.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "parley.event-store.migrate", havingValue = "true", matchIfMissing = true)
public class EventStoreSchemaAutoConfiguration {

    @Bean
    EventStoreSchema eventStoreSchema(DataSource dataSource) {
        return new EventStoreSchema(dataSource);
    }
}
