package io.parley.command.conversation;

import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
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

    /**
     * Loaded conversations, held strongly up to a bound and dropped after being idle: a weak-reference cache
     * is emptied by every garbage collection, which under load means reloading from snapshot and events on most
     * commands. Ehcache's heap tier keeps entries by reference; each application context gets its own manager.
     */
    @Bean(destroyMethod = "close")
    CacheManager conversationCacheManager(
            @Value("${parley.conversation.cache.max-entries:10000}") long maxEntries,
            @Value("${parley.conversation.cache.idle-expiry:30m}") Duration idleExpiry) {
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache(CACHE, CacheConfigurationBuilder
                        .newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(maxEntries))
                        .withExpiry(ExpiryPolicyBuilder.timeToIdleExpiration(idleExpiry)))
                .build(true);
    }

    @Bean(CACHE)
    Cache conversationCache(CacheManager conversationCacheManager) {
        return new EhCache3Adapter((Ehcache<?, ?>) conversationCacheManager.getCache(CACHE, Object.class, Object.class));
    }

    @Bean
    MessageLedger messageLedger(DataSource dataSource) {
        return new JdbcMessageLedger(dataSource);
    }
}
