package io.parley.notification.account;

import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Looks accounts up in the notification read model. */
@Component
public class AccountDirectory {

    private final MongoTemplate mongo;

    AccountDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The live account, or empty when it is unknown or deleted. */
    public Optional<Account> find(String userId) {
        AccountDocument document = mongo.findById(userId, AccountDocument.class);
        if (document == null || document.deleted()) {
            return Optional.empty();
        }
        return Optional.of(new Account(document.id(), document.email(), document.displayName(),
                document.emailEnabled(), document.pushEnabled()));
    }

    /** Whether the account was deleted (an unknown account is not: it may not have been projected yet). */
    public boolean isDeleted(String userId) {
        AccountDocument document = mongo.findById(userId, AccountDocument.class);
        return document != null && document.deleted();
    }
}
