package io.parley.query.contact;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** A user's contacts, incoming and outgoing requests, and blocks: one index each, created at startup. */
@Component
class ContactIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    ContactIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        var indexes = mongo.indexOps(ContactDocument.COLLECTION);
        indexes.createIndex(new Index().on(ContactDocument.USER_IDS, Sort.Direction.ASC)
                .on(ContactDocument.STATE, Sort.Direction.ASC).named("user_state"));
        indexes.createIndex(new Index().on(ContactDocument.RECIPIENT_ID, Sort.Direction.ASC)
                .on(ContactDocument.STATE, Sort.Direction.ASC).named("recipient_state"));
        indexes.createIndex(new Index().on(ContactDocument.REQUESTER_ID, Sort.Direction.ASC)
                .on(ContactDocument.STATE, Sort.Direction.ASC).named("requester_state"));
        indexes.createIndex(new Index().on(ContactDocument.BLOCKER_ID, Sort.Direction.ASC).named("blocker"));
    }
}
