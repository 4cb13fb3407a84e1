package io.parley.notification.device;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.parley.kernel.account.DevicePlatform;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The push devices of users. Tokens are secrets of a kind: never log them. */
@Component
public class DeviceDirectory {

    /** A usable device. */
    public record Device(String userId, String token, DevicePlatform platform) {

        @Override
        public String toString() {
            return "Device[" + userId + ", " + platform + "]";
        }
    }

    private final MongoTemplate mongo;

    DeviceDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(DeviceDocument.class).createIndex(new Index().on(DeviceDocument.USER_ID, Sort.Direction.ASC));
    }

    /** The user's devices push can reach, oldest registration first. */
    public List<Device> devices(String userId) {
        return mongo.find(query(where(DeviceDocument.USER_ID).is(userId).and(DeviceDocument.ACTIVE).is(true))
                        .with(Sort.by(DeviceDocument.REGISTERED_AT)), DeviceDocument.class).stream()
                .filter(DeviceDocument::usable)
                .map(document -> new Device(document.userId(), document.token(), document.platform()))
                .toList();
    }

    /** Which of the users have at least one device push can reach. */
    public Set<String> withDevices(Collection<String> userIds) {
        return mongo.find(query(where(DeviceDocument.USER_ID).in(userIds).and(DeviceDocument.ACTIVE).is(true)),
                        DeviceDocument.class).stream()
                .filter(DeviceDocument::usable)
                .map(DeviceDocument::userId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The push service does not know the token any more: no push goes to it until it is registered again. */
    public void unregistered(String userId, String token, Instant when) {
        mongo.updateFirst(query(where("_id").is(DeviceDocument.id(userId, token))),
                new Update().set(DeviceDocument.UNREGISTERED_AT, when), DeviceDocument.class);
    }
}
