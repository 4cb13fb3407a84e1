package io.parley.query.rebuild;

import java.time.Instant;

/**
 * Where a rebuild stands: {@code position} is what the shadow projection has processed, {@code progress} its
 * share of {@code headPosition}; {@code finishedAt} once it switched or failed.
 */
public record RebuildStatus(String rebuildId, State state, long position, long headPosition, double progress,
                            Instant startedAt, Instant finishedAt, double eventsPerSecond) {

    public enum State {
        RUNNING,
        SWITCHED,
        FAILED
    }
}
