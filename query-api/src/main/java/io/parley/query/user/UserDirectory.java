package io.parley.query.user;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Display names for other read models, joined at read time: no read model but the user view copies a name, so an
 * erased account is erased everywhere at once.
 */
@Component
public class UserDirectory {

    private final MongoTemplate mongo;

    UserDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A user as others see them; {@code deleted} users are shown as "Deleted user". */
    public record Person(String userId, String displayName, boolean deleted) {
    }

    /** The users among {@code userIds} this view knows; unknown ids are missing from the map. */
    public Map<String, Person> find(Collection<String> userIds) {
        Map<String, Person> people = new HashMap<>();
        if (userIds.isEmpty()) {
            return people;
        }
        mongo.find(query(where("_id").in(userIds)), UserDocument.class).forEach(user ->
                people.put(user.id(), new Person(user.id(), user.displayName(), user.deleted())));
        return people;
    }

    /** The display name to show for a user id: "Deleted user" once erased, null when not (yet) known. */
    public static String displayName(Map<String, Person> people, String userId) {
        Person person = people.get(userId);
        return person == null ? null : person.displayName();
    }
}
