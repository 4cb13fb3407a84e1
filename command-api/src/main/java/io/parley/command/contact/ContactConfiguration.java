package io.parley.command.contact;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ContactConfiguration {

    @Bean
    BlockList blockList(DataSource dataSource) {
        return new JdbcBlockList(dataSource);
    }
}
