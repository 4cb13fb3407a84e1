package io.parley.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Applying every event twice, or everything again from the start, or in batches as a tracking processor hands them
 * over (projections may hold writes back until a batch commits), must leave the same documents as once.
 */
public final class IdempotencyCheck {

    /** Not a divisor of the scenario's length, so batches end at different kinds of events. */
    private static final int BATCH = 7;

    private IdempotencyCheck() {
    }

    /**
     * @param projection builds the projection (and creates its indexes) on a harness's MongoDB
     * @param collections every collection the projection writes
     */
    public static void assertIdempotent(String name, Function<ProjectionHarness, Object> projection,
                                        String... collections) {
        Object[] events = EventScenarios.everyKind();
        ProjectionHarness once = new ProjectionHarness(name + "_once");
        once.project(projection.apply(once)).apply(events);
        ProjectionHarness twice = new ProjectionHarness(name + "_twice");
        twice.project(projection.apply(twice)).applyTwice(events);

        var expected = once.snapshot(collections);
        assertThat(expected.values()).allSatisfy(documents -> assertThat(documents).isNotEmpty());
        assertThat(twice.snapshot(collections)).isEqualTo(expected);
        assertThat(once.redeliverAll().snapshot(collections)).isEqualTo(expected);

        ProjectionHarness batched = new ProjectionHarness(name + "_batched");
        batched.project(projection.apply(batched));
        for (int from = 0; from < events.length; from += BATCH) {
            batched.applyInOneBatch(Arrays.copyOfRange(events, from, Math.min(events.length, from + BATCH)));
        }
        assertThat(batched.snapshot(collections)).isEqualTo(expected);
        assertThat(batched.redeliverAllInOneBatch().snapshot(collections)).isEqualTo(expected);
    }
}
