package io.parley.query.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebuild of one projection, or of every projection of a processor at once (one read of the event store for
 * all of them, one switch). A shadow processor ({@link ShadowProcessors}) builds a fresh copy of the read model
 * from the tail of the event store into shadow collections while the live processor and its collections keep
 * serving. Once the shadow has caught up: the live processor stops (its token stays claimed by this instance, so
 * no other instance takes over meanwhile), the shadow processes what the live one had processed beyond it, stops,
 * its collections are renamed over the live ones while no query runs ({@link ReadModelSwitch}), and the live
 * processor starts again at its own token. It runs the other projections too, so its token does not move: what the
 * shadow processed beyond it (events appended during the switch) is applied to the renamed collections once more,
 * idempotently, as after any failure of the switch.
 */
final class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final String rebuildId;
    private final String name;
    private final StreamingEventProcessor live;
    private final TrackingEventProcessor shadow;
    private final List<ShadowCollections> collections;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final EventStore eventStore;
    private final ReadModelSwitch readModelSwitch;
    private final RebuildProperties properties;
    private final Clock clock;
    private final Instant startedAt;

    private volatile RebuildStatus.State state = RebuildStatus.State.RUNNING;
    private volatile long position;
    private volatile long finalHead = -1;
    private volatile Instant finishedAt;
    private volatile boolean closing;

    ProjectionRebuild(String rebuildId, String name, StreamingEventProcessor live, TrackingEventProcessor shadow,
                      List<ShadowCollections> collections, TokenStore tokenStore, TransactionManager transactions,
                      EventStore eventStore, ReadModelSwitch readModelSwitch, RebuildProperties properties, Clock clock) {
        this.rebuildId = rebuildId;
        this.name = name;
        this.live = live;
        this.shadow = shadow;
        this.collections = List.copyOf(collections);
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.eventStore = eventStore;
        this.readModelSwitch = readModelSwitch;
        this.properties = properties;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    String name() {
        return name;
    }

    String processorName() {
        return live.getName();
    }

    boolean running() {
        return state == RebuildStatus.State.RUNNING;
    }

    /** Builds, switches and cleans up; returns whether the rebuilt model serves now. */
    boolean run() {
        RebuildStatus.State outcome = RebuildStatus.State.FAILED;
        try {
            collections.forEach(ShadowCollections::dropAll);
            collections.forEach(ShadowCollections::create);
            shadow.start();
            awaitCaughtUp();
            switchOver();
            outcome = RebuildStatus.State.SWITCHED;
            log.info("Rebuild {} of {} switched in at position {}", rebuildId, name(), position);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("Rebuild {} of {} failed; the live read model stays as it was", rebuildId, name(), e);
        } finally {
            cleanUp();
            finishedAt = clock.instant();
            finalHead = headOr(position);
            state = outcome;
        }
        return outcome == RebuildStatus.State.SWITCHED;
    }

    /** Stops waiting at the next look: the service is closing. */
    void close() {
        closing = true;
    }

    RebuildStatus status() {
        if (running()) {
            position = Math.max(position, shadowPosition());
        }
        long head = finalHead >= 0 ? finalHead : head();
        double progress = state == RebuildStatus.State.SWITCHED || head <= 0 ? 1.0
                : Math.min(1.0, (double) position / head);
        Instant end = finishedAt != null ? finishedAt : clock.instant();
        double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        return new RebuildStatus(rebuildId, state, position, head, progress, startedAt, finishedAt,
                Math.round(position / seconds * 10) / 10.0);
    }

    private void awaitCaughtUp() throws InterruptedException {
        while (true) {
            Map<Integer, EventTrackerStatus> status = shadowStatus();
            if (!status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp)) {
                return;
            }
            pause();
        }
    }

    private void switchOver() throws InterruptedException {
        live.shutDown();
        Map<Integer, TrackingToken> liveTokens;
        try {
            liveTokens = claimLiveTokens();
        } catch (RuntimeException e) {
            restartLive();
            if (e instanceof UnableToClaimTokenException) {
                throw new IllegalStateException("Another instance claimed " + live.getName() + " while it was paused", e);
            }
            throw e;
        }
        try {
            awaitShadowCovers(liveTokens.values());
            shadow.shutDown();
            TrackingToken rebuilt = transactions.fetchInTransaction(() -> tokenStore.fetchToken(shadow.getName(), 0));
            position = position(rebuilt);
            readModelSwitch.exclusively(this::renameShadowsIntoPlace);
        } finally {
            try {
                transactions.executeInTransaction(() ->
                        liveTokens.keySet().forEach(segment -> tokenStore.releaseClaim(live.getName(), segment)));
            } finally {
                restartLive();
            }
        }
    }

    private Map<Integer, TrackingToken> claimLiveTokens() {
        return transactions.fetchInTransaction(() -> {
            Map<Integer, TrackingToken> tokens = new TreeMap<>();
            for (int segment : tokenStore.fetchSegments(live.getName())) {
                tokens.put(segment, tokenStore.fetchToken(live.getName(), segment));
            }
            return tokens;
        });
    }

    private void awaitShadowCovers(Collection<TrackingToken> liveTokens) throws InterruptedException {
        long deadline = System.nanoTime() + properties.switchTimeout().toNanos();
        while (!covers(shadowStatus(), liveTokens)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The shadow of " + name() + " did not reach the live position within "
                        + properties.switchTimeout());
            }
            pause();
        }
    }

    private static boolean covers(Map<Integer, EventTrackerStatus> shadowStatus, Collection<TrackingToken> liveTokens) {
        if (shadowStatus.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : shadowStatus.values()) {
            TrackingToken shadowToken = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
            for (TrackingToken liveToken : liveTokens) {
                TrackingToken target = WrappedToken.unwrapLowerBound(liveToken);
                if (target != null && (shadowToken == null || !shadowToken.covers(target))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void renameShadowsIntoPlace() {
        for (ShadowCollections own : collections) {
            for (String liveName : new TreeSet<>(own.owned())) {
                own.moveIntoPlace(liveName);
                log.info("Rebuild {}: {} replaced by its rebuilt copy", rebuildId, liveName);
            }
        }
    }

    private void restartLive() {
        if (!closing) {
            live.start();
        }
    }

    private void cleanUp() {
        try {
            if (shadow.isRunning()) {
                shadow.shutDown();
            }
            transactions.executeInTransaction(() -> {
                for (int segment : tokenStore.fetchSegments(shadow.getName())) {
                    tokenStore.fetchToken(shadow.getName(), segment);
                    tokenStore.deleteToken(shadow.getName(), segment);
                }
            });
            collections.forEach(ShadowCollections::dropAll);
        } catch (RuntimeException e) {
            log.warn("Rebuild {} of {}: could not clean up its shadow; the next rebuild drops what is left",
                    rebuildId, name(), e);
        }
    }

    private Map<Integer, EventTrackerStatus> shadowStatus() {
        Map<Integer, EventTrackerStatus> status = shadow.processingStatus();
        for (EventTrackerStatus segment : status.values()) {
            if (segment.isErrorState()) {
                throw new IllegalStateException("The shadow processor of " + name() + " failed", segment.getError());
            }
        }
        return status;
    }

    private long shadowPosition() {
        return shadow.processingStatus().values().stream()
                .mapToLong(segment -> position(segment.getTrackingToken()))
                .min()
                .orElse(position);
    }

    private long head() {
        return position(eventStore.createHeadToken());
    }

    private long headOr(long otherwise) {
        try {
            return head();
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    private void pause() throws InterruptedException {
        LockSupport.parkNanos(properties.pollInterval().toNanos());
        if (closing || Thread.interrupted()) {
            throw new InterruptedException("Rebuild of " + name() + " stopped: the service is closing");
        }
    }

    static long position(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        OptionalLong position = token.position();
        return position.isPresent() ? Math.max(0, position.getAsLong()) : 0;
    }
}
