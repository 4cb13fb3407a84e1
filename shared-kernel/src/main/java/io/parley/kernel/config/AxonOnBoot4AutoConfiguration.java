package io.parley.kernel.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Empty on purpose. Axon 4.13 orders its JDBC and transaction auto-configurations after Spring Boot 3 class
 * names that Boot 4 moved, so without this bridge they can run before the data source exists and back off
 * silently (docs/pitfalls.md 3). Ordering this class between the two pins the order transitively.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"
        },
        beforeName = {
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration"
        })
public class AxonOnBoot4AutoConfiguration {
}
