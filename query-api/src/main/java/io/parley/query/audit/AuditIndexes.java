package io.parley.query.audit;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/** The indexes behind the audit filters (actor, conversation, time), created before the processor writes. */
@Component
class AuditIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    AuditIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        IndexOperations entries = mongo.indexOps(AuditEntryDocument.COLLECTION);
        entries.createIndex(new Index().on(AuditEntryDocument.AT, Sort.Direction.DESC).named("by_time"));
        entries.createIndex(new Index().on(AuditEntryDocument.ACTOR_ID, Sort.Direction.ASC)
                .on(AuditEntryDocument.AT, Sort.Direction.DESC).named("by_actor"));
        entries.createIndex(new Index().on(AuditEntryDocument.CONVERSATION_ID, Sort.Direction.ASC)
                .on(AuditEntryDocument.AT, Sort.Direction.DESC).named("by_conversation"));
    }
}
