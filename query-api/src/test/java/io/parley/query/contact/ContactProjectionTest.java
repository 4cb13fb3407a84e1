package io.parley.query.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import io.parley.kernel.contact.ContactIds;
import io.parley.kernel.contact.ContactRequestAcceptedEvent;
import io.parley.kernel.contact.ContactRequestedEvent;
import io.parley.kernel.contact.UserBlockedEvent;
import io.parley.query.contact.ContactDocument.State;
import io.parley.query.support.IdempotencyCheck;
import io.parley.query.support.ProjectionHarness;
import org.junit.jupiter.api.Test;

/** The contact projection against the MongoDB wire server. */
class ContactProjectionTest {

    @Test
    void everyEvent_appliedTwice_orAllAgain_leavesTheSameDocuments() {
        IdempotencyCheck.assertIdempotent("contact_idempotency", h -> {
            new ContactIndexes(h.mongo()).afterPropertiesSet();
            return new ContactProjection(h.mongo());
        }, ContactDocument.COLLECTION);
    }

    @Test
    void aRequest_becomesAContact_andABlockEndsIt() {
        ProjectionHarness harness = new ProjectionHarness("contact_projection_test");
        harness.project(new ContactProjection(harness.mongo()));
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String pair = ContactIds.pair(a, b);
        Instant at = Instant.parse("2026-11-02T11:00:00Z");

        harness.apply(new ContactRequestedEvent(pair, a, b, at));
        assertThat(harness.mongo().findById(pair, ContactDocument.class).state()).isEqualTo(State.PENDING);
        harness.apply(new ContactRequestAcceptedEvent(pair, a, b, at.plusSeconds(1)));
        assertThat(harness.mongo().findById(pair, ContactDocument.class).state()).isEqualTo(State.CONTACTS);
        harness.apply(new UserBlockedEvent(pair, b, a, at.plusSeconds(2)));
        ContactDocument blocked = harness.mongo().findById(pair, ContactDocument.class);
        assertThat(blocked.state()).isEqualTo(State.NONE);
        assertThat(blocked.userIds()).containsExactlyInAnyOrder(a, b);
    }
}
