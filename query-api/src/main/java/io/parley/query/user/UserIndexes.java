package io.parley.query.user;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/** Creates the indexes behind every user read at startup, before the processors start writing. */
@Component
class UserIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    UserIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        IndexOperations users = mongo.indexOps(UserDocument.COLLECTION);
        users.createIndex(new Index().on(UserDocument.DISPLAY_NAME_LOWER, Sort.Direction.ASC).named("display_name_prefix"));
        users.createIndex(new Index().on(UserDocument.EMAIL_LOWER, Sort.Direction.ASC).named("email_prefix"));
    }
}
