package io.parley.query.live;

/** Where a projection publishes its committed changes (see {@link LiveChangeBus}). */
@FunctionalInterface
public interface LiveChanges {

    /** Publishes nothing: for a projection's rebuild shadow, whose changes are not news. */
    LiveChanges NONE = change -> {
    };

    /**
     * Publishes the change once the projection's unit of work has committed (at once outside one), in the order of
     * the calls; changes made while replaying are not published.
     */
    void publish(LiveChange change);
}
