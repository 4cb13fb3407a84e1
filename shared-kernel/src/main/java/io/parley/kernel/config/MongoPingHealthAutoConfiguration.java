package io.parley.kernel.config;

import org.bson.Document;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping} on the read-model database, for every service with MongoDB. Boot's own indicator
 * asks {@code hello}, which the MongoDB wire server of the embedded stack does not answer, so a service would
 * report DOWN there although reads work; {@code ping} is answered by real MongoDB and the wire server alike.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass({MongoTemplate.class, AbstractHealthIndicator.class})
@ConditionalOnBean(MongoTemplate.class)
public class MongoPingHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new AbstractHealthIndicator("MongoDB health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                mongo.executeCommand(new Document("ping", 1));
                builder.up().withDetail("database", mongo.getDb().getName());
            }
        };
    }
}
