package io.parley.query.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.Role;
import io.parley.kernel.account.UserDeletedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.kernel.contact.ContactIds;
import io.parley.kernel.contact.ContactRemovedEvent;
import io.parley.kernel.contact.ContactRequestAcceptedEvent;
import io.parley.kernel.contact.ContactRequestRejectedEvent;
import io.parley.kernel.contact.ContactRequestedEvent;
import io.parley.kernel.contact.UserBlockedEvent;
import io.parley.kernel.contact.UserUnblockedEvent;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/contacts and /api/v1/contacts/requests after events appended as the Contact aggregate appends them. */
class ContactsIT extends QueryApiIntegrationTest {

    private static final String CONTACT = "Contact";
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private long position;

    @Test
    void contactsAndRequests_followRequestsAcceptsRejectsRemovalsAndBlocks() {
        String me = user("Mia");
        String accepted = user("Alex Accepted");
        String removed = user("Rita Removed");
        String incoming = user("Ivan Incoming");
        String outgoing = user("Olga Outgoing");
        String rejected = user("Rex Rejected");
        String blocked = user("Bea Blocked");
        contact(me, accepted, new ContactRequestedEvent(ContactIds.pair(me, accepted), accepted, me, at),
                new ContactRequestAcceptedEvent(ContactIds.pair(me, accepted), accepted, me, at.plusSeconds(1)));
        contact(me, removed, new ContactRequestedEvent(ContactIds.pair(me, removed), me, removed, at),
                new ContactRequestAcceptedEvent(ContactIds.pair(me, removed), me, removed, at.plusSeconds(1)),
                new ContactRemovedEvent(ContactIds.pair(me, removed), removed, me, at.plusSeconds(2)));
        contact(me, incoming, new ContactRequestedEvent(ContactIds.pair(me, incoming), incoming, me, at.plusSeconds(3)));
        contact(me, outgoing, new ContactRequestedEvent(ContactIds.pair(me, outgoing), me, outgoing, at.plusSeconds(4)));
        contact(me, rejected, new ContactRequestedEvent(ContactIds.pair(me, rejected), rejected, me, at),
                new ContactRequestRejectedEvent(ContactIds.pair(me, rejected), rejected, me, at.plusSeconds(1)));
        contact(me, blocked, new ContactRequestedEvent(ContactIds.pair(me, blocked), blocked, me, at),
                new UserBlockedEvent(ContactIds.pair(me, blocked), me, blocked, at.plusSeconds(1)));

        JsonNode contacts = ok(read("/api/v1/contacts", me));
        assertThat(contacts.path("items").valueStream().map(c -> c.path("userId").asString())).containsExactly(accepted);
        assertThat(contacts.path("items").get(0).path("displayName").asString()).isEqualTo("Alex Accepted");
        assertThat(contacts.path("items").get(0).path("online").asBoolean()).isFalse();
        assertThat(ok(read("/api/v1/contacts", accepted)).path("items").get(0).path("userId").asString()).isEqualTo(me);

        JsonNode requests = ok(read("/api/v1/contacts/requests", me));
        assertThat(requests.path("incoming")).hasSize(1);
        JsonNode in = requests.path("incoming").get(0);
        assertThat(in.path("requestId").asString()).isEqualTo(ContactIds.pair(me, incoming));
        assertThat(in.path("userId").asString()).isEqualTo(incoming);
        assertThat(in.path("displayName").asString()).isEqualTo("Ivan Incoming");
        assertThat(Instant.parse(in.path("requestedAt").asString())).isEqualTo(at.plusSeconds(3));
        assertThat(requests.path("outgoing").valueStream().map(r -> r.path("userId").asString()))
                .containsExactly(outgoing);
        JsonNode theirs = ok(read("/api/v1/contacts/requests", outgoing));
        assertThat(theirs.path("incoming").get(0).path("userId").asString()).isEqualTo(me);
        assertThat(theirs.path("outgoing")).isEmpty();
    }

    @Test
    void blocked_listsWhomTheCallerBlocksNow_latestFirst_andNotWhoBlocksThem() {
        String me = user("Blocker");
        String first = user("First Blocked");
        String second = user("Second Blocked");
        String lifted = user("Lifted Block");
        String mutual = user("Both Ways");
        String blocksMe = user("Blocks Me");
        String gone = user("Blocked Then Gone");
        contact(me, first, new UserBlockedEvent(ContactIds.pair(me, first), me, first, at.plusSeconds(1)));
        contact(me, second, new ContactRequestedEvent(ContactIds.pair(me, second), second, me, at),
                new UserBlockedEvent(ContactIds.pair(me, second), me, second, at.plusSeconds(2)));
        contact(me, lifted, new UserBlockedEvent(ContactIds.pair(me, lifted), me, lifted, at.plusSeconds(3)),
                new UserUnblockedEvent(ContactIds.pair(me, lifted), me, lifted, at.plusSeconds(4)));
        contact(me, mutual, new UserBlockedEvent(ContactIds.pair(me, mutual), mutual, me, at.plusSeconds(5)),
                new UserBlockedEvent(ContactIds.pair(me, mutual), me, mutual, at.plusSeconds(6)),
                new UserUnblockedEvent(ContactIds.pair(me, mutual), mutual, me, at.plusSeconds(7)));
        contact(me, blocksMe, new UserBlockedEvent(ContactIds.pair(me, blocksMe), blocksMe, me, at.plusSeconds(8)));
        contact(me, gone, new UserBlockedEvent(ContactIds.pair(me, gone), me, gone, at.plusSeconds(9)));
        position = append(gone, new UserDeletedEvent(gone, Instant.now()));

        JsonNode blocked = ok(read("/api/v1/contacts/blocked", me));
        assertThat(blocked.path("items").valueStream().map(b -> b.path("userId").asString()))
                .containsExactly(mutual, second, first);
        JsonNode latest = blocked.path("items").get(0);
        assertThat(latest.path("displayName").asString()).isEqualTo("Both Ways");
        assertThat(Instant.parse(latest.path("blockedAt").asString())).isEqualTo(at.plusSeconds(6));
        assertThat(ok(read("/api/v1/contacts/blocked", mutual)).path("items")).as("mutual lifted their block")
                .isEmpty();
        assertThat(ok(read("/api/v1/contacts/blocked", blocksMe)).path("items").valueStream()
                .map(b -> b.path("userId").asString())).containsExactly(me);
        assertThat(ok(read("/api/v1/contacts/blocked", lifted)).path("items")).isEmpty();
    }

    @Test
    void aDeletedAccount_disappearsFromContactsAndRequests() {
        String me = user("Keeper");
        String gone = user("Gone Soon");
        String asking = user("Asking Then Gone");
        contact(me, gone, new ContactRequestedEvent(ContactIds.pair(me, gone), gone, me, at),
                new ContactRequestAcceptedEvent(ContactIds.pair(me, gone), gone, me, at.plusSeconds(1)));
        contact(me, asking, new ContactRequestedEvent(ContactIds.pair(me, asking), asking, me, at));
        position = append(gone, new UserDeletedEvent(gone, Instant.now()));
        position = append(asking, new UserDeletedEvent(asking, Instant.now()));

        assertThat(ok(read("/api/v1/contacts", me)).path("items")).isEmpty();
        assertThat(ok(read("/api/v1/contacts/requests", me)).path("incoming")).isEmpty();
        assertThat(ok(read("/api/v1/contacts/requests", me)).toString()).doesNotContain("Gone Soon", "Asking Then Gone");
    }

    private void contact(String a, String b, Object... events) {
        position = appendTo(CONTACT, ContactIds.pair(a, b), events);
    }

    private String user(String displayName) {
        String userId = UUID.randomUUID().toString();
        position = append(userId, new UserRegisteredEvent(userId, userId + "@example.com", displayName,
                Set.of(Role.USER), Instant.now()));
        return userId;
    }

    private Response read(String path, String userId) {
        return getAtPosition(path, TestTokens.accessToken(userId, TestTokens.newSessionId()), position);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
