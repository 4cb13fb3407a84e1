package io.parley.query.presence;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** The sweep finds a dead instance's sockets, and expired leases, by index. */
@Component
class PresenceIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    PresenceIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(MongoPresence.COLLECTION).createIndex(new Index()
                .on(MongoPresence.CONNECTIONS + "." + MongoPresence.INSTANCE_ID, Sort.Direction.ASC)
                .named("connection_instance"));
        mongo.indexOps(InstanceLeases.COLLECTION).createIndex(new Index()
                .on(InstanceLeases.EXPIRES_AT, Sort.Direction.ASC).named("lease_expiry"));
    }
}
