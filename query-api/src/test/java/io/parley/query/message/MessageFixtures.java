package io.parley.query.message;

import io.parley.query.live.LiveChanges;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The message read model's parts for tests of other packages (live delivery reads what this projection wrote). */
public final class MessageFixtures {

    private MessageFixtures() {
    }

    /** The message projection over that database, its indexes created. */
    public static Object projection(MongoTemplate mongo) {
        new MessageIndexes(mongo).afterPropertiesSet();
        return new MessageProjection(mongo, LiveChanges.NONE);
    }

    public static MessageReader reader(MongoTemplate mongo) {
        return new MessageReader(mongo);
    }
}
