package io.parley.query.edithistory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.UUID;

import io.parley.query.edithistory.EditHistoryDocument.Version;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.IdempotencyCheck;
import io.parley.query.support.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The edit history projection against the MongoDB wire server. */
class EditHistoryProjectionTest {

    private static final Instant START = Instant.parse("2026-11-02T10:00:00Z");

    private ProjectionHarness harness;
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() {
        harness = new ProjectionHarness("edit_history_projection_test");
        harness.project(new EditHistoryProjection(harness.mongo()));
    }

    @Test
    void everyEvent_appliedTwice_orAllAgain_leavesTheSameDocuments() {
        IdempotencyCheck.assertIdempotent("edit_history_idempotency", h -> new EditHistoryProjection(h.mongo()),
                EditHistoryDocument.COLLECTION);
    }

    @Test
    void history_holdsTheOriginalThenEveryEdit_inOrder() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        String message = direct.send(alice, "v1");
        direct.edit(message, alice, "v2").edit(message, alice, "v3");
        harness.applyTwice(direct.drain());

        assertThat(harness.mongo().findById(message, EditHistoryDocument.class).versions())
                .extracting(Version::text)
                .containsExactly("v1", "v2", "v3");
        assertThat(harness.mongo().findById(message, EditHistoryDocument.class).versions().getFirst().editedAt())
                .isNull();
        assertThat(harness.mongo().findById(message, EditHistoryDocument.class).versions())
                .extracting(Version::actorId, Version::at)
                .containsExactly(tuple(alice, START.plusSeconds(2)), tuple(alice, START.plusSeconds(3)),
                        tuple(alice, START.plusSeconds(4)));
    }

    @Test
    void deletionForEveryone_erasesEveryVersion_forGood() {
        ConversationLog direct = ConversationLog.direct(alice, bob, START);
        String message = direct.send(alice, "v1");
        direct.edit(message, alice, "v2").deleteForEveryone(message, alice);
        harness.apply(direct.drain()).redeliverAll();

        EditHistoryDocument history = harness.mongo().findById(message, EditHistoryDocument.class);
        assertThat(history.deleted()).isTrue();
        assertThat(history.versions()).isEmpty();
        assertThat(harness.mongo().getCollection(EditHistoryDocument.COLLECTION).find().first().toJson())
                .doesNotContain("v1").doesNotContain("v2");
    }
}
