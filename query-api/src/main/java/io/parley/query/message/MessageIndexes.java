package io.parley.query.message;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** History pages are range scans of {@code (conversationId, seq)}, one message per seq; created at startup. */
@Component
class MessageIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    MessageIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(MessageDocument.COLLECTION).createIndex(new Index()
                .on(MessageDocument.CONVERSATION_ID, Sort.Direction.ASC)
                .on(MessageDocument.SEQ, Sort.Direction.ASC)
                .unique()
                .named("conversation_seq"));
    }
}
