package io.parley.query.inbox;

import io.parley.query.message.SeqKeys;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Inbox pages by {@code (userId, lastActivityAt)}, the fan-out of a message to a conversation's entries, and the
 * messages of a conversation by seq, and by their unique {@code conversationId:seq} key (last message, recounts: see
 * {@link SeqKeys}): created at startup, after messages stored before the key existed got theirs.
 */
@Component
class InboxIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    InboxIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        var entries = mongo.indexOps(InboxEntryDocument.COLLECTION);
        entries.createIndex(new Index()
                .on(InboxEntryDocument.USER_ID, Sort.Direction.ASC)
                .on(InboxEntryDocument.LAST_ACTIVITY_AT, Sort.Direction.DESC)
                .on(InboxEntryDocument.CONVERSATION_ID, Sort.Direction.DESC)
                .named("user_activity"));
        entries.createIndex(new Index()
                .on(InboxEntryDocument.CONVERSATION_ID, Sort.Direction.ASC)
                .named("conversation"));
        mongo.indexOps(InboxMessageDocument.COLLECTION).createIndex(new Index()
                .on(InboxMessageDocument.CONVERSATION_ID, Sort.Direction.ASC)
                .on(InboxMessageDocument.SEQ, Sort.Direction.ASC)
                .unique()
                .named("conversation_seq"));
        SeqKeys.createKeyIndex(mongo, InboxMessageDocument.COLLECTION);
    }
}
