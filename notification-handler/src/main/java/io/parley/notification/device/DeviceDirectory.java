package io.parley.notification.device;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
    /**
     * Whether a user has a device push can reach, for recently asked users: the push notifier asks for every member
     * at every message, and most have none. The projection forgets a user after writing their devices (on the
     * processor's thread, the one that asks); the expiry bounds what another instance's changes, made while this one
     * did not hold the processor's segment, could leave behind, and a device a worker found unregistered (a push
     * job made for it in between finds no device and is dropped).
     */
    private final Cache<String, Boolean> reachable = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

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
        return reachable.getAll(userIds, this::loadWithDevices).entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    private Map<String, Boolean> loadWithDevices(Set<? extends String> userIds) {
        Set<String> with = mongo.find(query(where(DeviceDocument.USER_ID).in(userIds)
                        .and(DeviceDocument.ACTIVE).is(true)), DeviceDocument.class).stream()
                .filter(DeviceDocument::usable)
                .map(DeviceDocument::userId)
                .collect(Collectors.toSet());
        return userIds.stream().collect(Collectors.toMap(Function.identity(), with::contains));
    }

    /** Called by the projection after it changed the user's devices. */
    void devicesChanged(String userId) {
        reachable.invalidate(userId);
    }

    /** The push service does not know the token any more: no push goes to it until it is registered again. */
    public void unregistered(String userId, String token, Instant when) {
        mongo.updateFirst(query(where("_id").is(DeviceDocument.id(userId, token))),
                new Update().set(DeviceDocument.UNREGISTERED_AT, when), DeviceDocument.class);
        reachable.invalidate(userId);
    }
}
