package io.parley.query.presence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Each instance's lease on its sockets, one document per instance in {@code presence_instances}
 * ({@code {_id: instanceId, expiresAt, renewedAt}}), renewed every heartbeat. On every heartbeat the instance also
 * sweeps the instances whose lease expired (crashed, killed, cut off): their sockets leave presence and their users
 * go offline, last seen at the lease's end. An instance that finds its own lease had expired registers its sockets
 * again. A graceful stop closes this instance's sockets in presence and drops its lease.
 */
class InstanceLeases implements SmartLifecycle {

    static final String COLLECTION = "presence_instances";
    static final String EXPIRES_AT = "expiresAt";
    static final String RENEWED_AT = "renewedAt";
    /** After the broker connection starts (transitions are published), before the WebSocket endpoint. */
    static final int PHASE = -500;
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(InstanceLeases.class);

    private final MongoTemplate mongo;
    private final MongoPresence presence;
    private final PresenceProperties properties;
    private final Clock clock;
    private ScheduledExecutorService heartbeat;
    private ScheduledFuture<?> beats;
    private volatile boolean running;
    private volatile boolean renewed;

    InstanceLeases(MongoTemplate mongo, MongoPresence presence, PresenceProperties properties, Clock clock) {
        this.mongo = mongo;
        this.presence = presence;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "presence-lease");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        beat(); // MongoDB down at start: the next heartbeats retry; the service starts either way
        long period = properties.heartbeat().toMillis();
        beats = heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
        log.info("Instance {} holds a presence lease of {}s, renewed every {}s", presence.instanceId(),
                properties.lease().toSeconds(), properties.heartbeat().toSeconds());
    }

    private void beat() {
        try {
            renew();
            sweepExpired();
        } catch (RuntimeException e) {
            log.warn("Presence heartbeat of instance {} failed: {}", presence.instanceId(), e.toString());
        }
    }

    /**
     * Renews this instance's lease; if it had run out (or was swept away), registers the sockets again. The first
     * renewal finding a lease under this id (a restart with a fixed {@code parley.instance-id}) first sweeps the
     * sockets of that previous life.
     */
    void renew() {
        Instant now = clock.instant();
        Document before = mongo.findAndModify(query(where("_id").is(presence.instanceId())),
                new Update().set(EXPIRES_AT, Date.from(now.plus(properties.lease()))).set(RENEWED_AT, Date.from(now)),
                FindAndModifyOptions.options().upsert(true).returnNew(false), Document.class, COLLECTION);
        Date expiresAt = before == null ? null : before.getDate(EXPIRES_AT);
        if (!renewed && expiresAt != null) {
            Instant previousLife = expiresAt.toInstant().isBefore(now) ? expiresAt.toInstant() : now;
            log.info("Instance {} ran before; taking the sockets of that run out of presence", presence.instanceId());
            presence.sweep(presence.instanceId(), previousLife);
        }
        renewed = true;
        if (expiresAt == null || !expiresAt.toInstant().isAfter(now)) {
            presence.reaffirm();
        }
    }

    /**
     * Sweeps every instance whose lease has expired, then drops its lease unless it was renewed meanwhile. Sockets of
     * an instance that has no lease at all (swept, then back for a moment, then gone before its next heartbeat) are
     * swept once they are older than a lease.
     */
    void sweepExpired() {
        Instant now = clock.instant();
        List<Document> expired = mongo.find(query(where(EXPIRES_AT).lt(Date.from(now))
                .and("_id").ne(presence.instanceId())), Document.class, COLLECTION);
        for (Document lease : expired) {
            String instance = lease.getString("_id");
            Date expiry = lease.getDate(EXPIRES_AT);
            log.info("Instance {} let its presence lease expire at {}: taking its sockets out of presence", instance,
                    expiry.toInstant());
            presence.sweep(instance, expiry.toInstant());
            mongo.remove(query(where("_id").is(instance).and(EXPIRES_AT).is(expiry)), COLLECTION);
        }
        Set<String> leaseless = new HashSet<>(presence.instancesWithSockets());
        leaseless.remove(presence.instanceId());
        if (!leaseless.isEmpty()) {
            mongo.find(query(where("_id").in(leaseless)), Document.class, COLLECTION)
                    .forEach(lease -> leaseless.remove(lease.getString("_id")));
            for (String instance : leaseless) {
                presence.sweep(instance, now.minus(properties.lease()));
            }
        }
    }

    /** Leaves presence within {@link #LEAVE_TIMEOUT}; if MongoDB does not answer, the lease expires instead. */
    @Override
    public void stop() {
        running = false;
        if (heartbeat == null) {
            return;
        }
        beats.cancel(false);
        Future<?> leaving = heartbeat.submit(() -> {
            presence.leave();
            mongo.remove(query(where("_id").is(presence.instanceId())), COLLECTION);
        });
        try {
            leaving.get(LEAVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Instance {} could not leave presence cleanly (its lease will expire): {}",
                    presence.instanceId(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeat.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
