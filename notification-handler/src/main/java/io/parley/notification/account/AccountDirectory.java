package io.parley.notification.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Looks accounts up in the notification read model. */
@Component
public class AccountDirectory {

    private final MongoTemplate mongo;

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
    public Map<String, Account> findAll(Collection<String> userIds) {
        return mongo.find(query(where("_id").in(userIds).and(AccountDocument.DELETED).is(false)
                        .and(AccountDocument.DEACTIVATED).ne(true)), AccountDocument.class)
                .stream()
                .collect(Collectors.toUnmodifiableMap(AccountDocument::id, AccountDirectory::account));
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
