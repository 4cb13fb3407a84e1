package io.parley.notification.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Looks accounts up in the notification read model. */
@Component
public class AccountDirectory {

    private final MongoTemplate mongo;
    /**
     * The live accounts among recently asked users (empty: unknown, deleted or deactivated), for the push notifier,
     * which asks at every message. Read and forgotten on the notification processor's thread only: the projection
     * forgets a user after writing, so the processor never reads an old state; a read on another thread could
     * race with that and remember one. The expiry bounds what another instance's changes, made while this one did
     * not hold the processor's segment, could leave behind.
     */
    private final Cache<String, Optional<Account>> recentlyAsked = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

    AccountDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The live account, or empty when it is unknown, deleted or deactivated (so nothing is sent to it). */
    public Optional<Account> find(String userId) {
        AccountDocument document = mongo.findById(userId, AccountDocument.class);
        if (document == null || document.deleted() || Boolean.TRUE.equals(document.deactivated())) {
            return Optional.empty();
        }
        return Optional.of(account(document));
    }

    /** The live accounts among {@code userIds} (unknown, deleted and deactivated ones left out). */
    public Map<String, Account> findAll(Collection<? extends String> userIds) {
        return mongo.find(query(where("_id").in(userIds).and(AccountDocument.DELETED).is(false)
                        .and(AccountDocument.DEACTIVATED).ne(true)), AccountDocument.class)
                .stream()
                .collect(Collectors.toUnmodifiableMap(AccountDocument::id, AccountDirectory::account));
    }

    /** As {@link #findAll}, remembered for a few seconds; on the notification processor's thread only. */
    public Map<String, Account> findAllInProcessor(Collection<String> userIds) {
        return recentlyAsked.getAll(userIds, this::load).entrySet().stream()
                .filter(entry -> entry.getValue().isPresent())
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().get()));
    }

    private Map<String, Optional<Account>> load(Set<? extends String> userIds) {
        Map<String, Account> live = findAll(userIds);
        return userIds.stream().collect(Collectors.toMap(userId -> userId,
                userId -> Optional.ofNullable(live.get(userId))));
    }

    /** Called by the projection after it changed the account. */
    void accountChanged(String userId) {
        recentlyAsked.invalidate(userId);
    }

    /** Whether the account was deleted (an unknown account is not: it may not have been projected yet). */
    public boolean isDeleted(String userId) {
        AccountDocument document = mongo.findById(userId, AccountDocument.class);
        return document != null && document.deleted();
    }

    private static Account account(AccountDocument document) {
        return new Account(document.id(), document.email(), document.displayName(), document.emailEnabled(),
                document.pushEnabled());
    }
}
