package io.parley.query.conversation;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** The index behind "the conversations a user is in" (search scope), created at startup. */
@Component
class ConversationIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    ConversationIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(ConversationDocument.COLLECTION)
                .createIndex(new Index().on(ConversationDocument.MEMBER_IDS, Sort.Direction.ASC).named("member_ids"));
    }
}
