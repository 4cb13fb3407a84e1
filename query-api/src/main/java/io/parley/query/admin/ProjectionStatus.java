package io.parley.query.admin;

/**
 * Where one projection (tracking processor) stands: {@code position} is the lowest global position its segments
 * have processed, {@code lag} how many positions it is behind the head of the event store, {@code progress}
 * the share of the store it has processed (1 when caught up).
 */
record ProjectionStatus(String name, long position, long headPosition, long lag, State state, double progress) {

    enum State {
        RUNNING,
        REPLAYING,
        ERROR,
        STOPPED
    }
}
