package io.parley.query.receipt;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** The receipts of one conversation, by member: created at startup. */
@Component
class ReceiptIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    ReceiptIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(ReceiptDocument.COLLECTION).createIndex(new Index()
                .on(ReceiptDocument.CONVERSATION_ID, Sort.Direction.ASC)
                .on(ReceiptDocument.USER_ID, Sort.Direction.ASC)
                .named("conversation_user"));
    }
}
