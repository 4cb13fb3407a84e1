package io.parley.query.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.query.live.LiveChanges;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.IdempotencyCheck;
import io.parley.query.support.ProjectionHarness;
import org.junit.jupiter.api.Test;

/** The read receipt projection against the MongoDB wire server. */
class ReceiptProjectionTest {

    @Test
    void everyEvent_appliedTwice_orAllAgain_leavesTheSameDocuments() {
        IdempotencyCheck.assertIdempotent("receipt_idempotency", h -> {
            new ReceiptIndexes(h.mongo()).afterPropertiesSet();
            return new ReceiptProjection(h.mongo(), LiveChanges.NONE);
        }, ReceiptDocument.COLLECTION);
    }

    @Test
    void readMarkers_onlyMoveForward_andLeaversAreInactive() {
        ProjectionHarness harness = new ProjectionHarness("receipt_projection_test");
        harness.project(new ReceiptProjection(harness.mongo(), LiveChanges.NONE));
        String owner = UUID.randomUUID().toString();
        String member = UUID.randomUUID().toString();
        ConversationLog group = ConversationLog.group(owner, "Receipts", List.of(member), Instant.now());
        group.send(owner, "1");
        group.send(owner, "2");
        group.read(member, 2).read(member, 1).remove(member, member);
        harness.apply(group.drain());

        ReceiptDocument receipt = harness.mongo().findById(ReceiptDocument.id(group.id(), member), ReceiptDocument.class);
        assertThat(receipt.lastReadSeq()).isEqualTo(2);
        assertThat(receipt.active()).isFalse();
    }
}
