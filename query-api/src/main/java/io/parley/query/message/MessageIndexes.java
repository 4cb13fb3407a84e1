package io.parley.query.message;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * History pages are look-ups of {@code conversationId:seq} keys (unique), one message per seq; the compound
 * {@code (conversationId, seq)} index keeps seqs unique per conversation. Created at startup, after messages stored
 * before the key existed got theirs (on the start that creates the key index).
 */
@Component
class MessageIndexes implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(MessageIndexes.class);

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
        long keyed = SeqKeys.createKeyIndex(mongo, MessageDocument.COLLECTION);
        if (keyed > 0) {
            log.info("{} stored messages got their conversationId:seq key", keyed);
        }
    }
}
