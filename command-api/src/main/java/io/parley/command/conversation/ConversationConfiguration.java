package io.parley.command.conversation;

import javax.sql.DataSource;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A long-lived conversation loads in flat time: from the cache, else from its latest snapshot plus a few events. */
@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

    static final String SNAPSHOT_TRIGGER = "conversationSnapshotTrigger";
    static final String CACHE = "conversationCache";

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition conversationSnapshotTrigger(Snapshotter snapshotter,
                                                          @Value("${parley.conversation.snapshot-threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    // Weak references: a busy conversation stays loaded while the heap allows, an idle one costs nothing.
    @Bean(CACHE)
    Cache conversationCache() {
        return new WeakReferenceCache();
    }

    @Bean
    MessageLedger messageLedger(DataSource dataSource) {
        return new JdbcMessageLedger(dataSource);
    }
}
