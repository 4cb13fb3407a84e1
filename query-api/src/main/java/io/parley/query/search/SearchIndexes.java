package io.parley.query.search;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** A multikey index on the words (exact and prefix look-ups), and one by conversation; created at startup. */
@Component
class SearchIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    SearchIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        var indexes = mongo.indexOps(SearchDocument.COLLECTION);
        indexes.createIndex(new Index()
                .on(SearchDocument.TOKENS, Sort.Direction.ASC)
                .on(SearchDocument.CREATED_AT, Sort.Direction.DESC)
                .named("tokens_created"));
        indexes.createIndex(new Index()
                .on(SearchDocument.CONVERSATION_ID, Sort.Direction.ASC)
                .on(SearchDocument.CREATED_AT, Sort.Direction.DESC)
                .named("conversation_created"));
    }
}
