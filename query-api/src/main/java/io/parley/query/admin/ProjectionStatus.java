package io.parley.query.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.query.rebuild.RebuildStatus;

/**
 * Where one projection stands: {@code processor} is the tracking processor that runs it (with the other projections),
 * {@code position} the lowest global position its segments have processed, {@code lag} how many positions it is behind the head of the event store, {@code progress}
 * the share of the store it has processed (1 when caught up); {@code rebuild} the latest rebuild on this instance.
 */
record ProjectionStatus(String name, String processor, long position, long headPosition, long lag, State state, double progress,
                        @JsonInclude(JsonInclude.Include.NON_NULL) RebuildStatus rebuild) {

    enum State {
        RUNNING,
        REPLAYING,
        ERROR,
        STOPPED
    }
}
