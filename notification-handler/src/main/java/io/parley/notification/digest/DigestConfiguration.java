package io.parley.notification.digest;

import io.parley.notification.account.AccountDirectory;
import io.parley.notification.conversation.ConversationDirectory;
import io.parley.notification.job.JobPublisher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DigestProperties.class)
@EnableScheduling
class DigestConfiguration {

    @Bean
    DigestLog digestLog(MongoTemplate mongo, DigestProperties properties) {
        return new DigestLog(mongo, properties.period().multipliedBy(2));
    }

    @Bean
    DigestPlanner digestPlanner(ConversationDirectory conversations, AccountDirectory accounts, JobPublisher jobs,
                                DigestLog digests, DigestProperties properties) {
        return new DigestPlanner(conversations, accounts, jobs, digests, properties);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "parley.notifications.digest.enabled", matchIfMissing = true)
    DigestScheduler digestScheduler(DigestPlanner planner) {
        return new DigestScheduler(planner);
    }
}
