package io.parley.query.presence;

import java.time.Clock;

import io.parley.query.fanout.LiveFanout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Presence in MongoDB under this instance's id, and the lease that vouches for its sockets. */
@Configuration(proxyBeanMethods = false)
class PresenceConfig {

    @Bean
    MongoPresence presence(MongoTemplate mongo, PresenceBus bus, LiveFanout fanout) {
        return new MongoPresence(mongo, bus::publish, fanout.instanceId(), Clock.systemUTC());
    }

    @Bean
    InstanceLeases instanceLeases(MongoTemplate mongo, MongoPresence presence, PresenceProperties properties) {
        return new InstanceLeases(mongo, presence, properties, Clock.systemUTC());
    }
}
