package io.parley.command.contact.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.contact.ContactIds;
import io.parley.kernel.contact.ContactRemovedEvent;
import io.parley.kernel.contact.ContactRequestAcceptedEvent;
import io.parley.kernel.contact.ContactRequestRejectedEvent;
import io.parley.kernel.contact.ContactRequestedEvent;
import io.parley.kernel.contact.UserBlockedEvent;
import io.parley.kernel.contact.UserUnblockedEvent;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** Contact requests, contacts and blocks over HTTP, and the events they appended. */
class ContactsIT extends CommandApiIntegrationTest {

    private static final String REQUESTS = "/api/v1/contacts/requests";

    @Autowired
    EventStore eventStore;

    @Test
    void request_accept_andRemove() {
        Actor amy = signUp("amy");
        Actor ben = signUp("ben");

        Response requested = request(amy, ben);
        Response requestedAgain = request(amy, ben);
        String requestId = requested.json().get("requestId").asString();
        assertThat(requested.status()).isEqualTo(201);
        assertThat(requestId).isEqualTo(ContactIds.pair(amy.userId(), ben.userId()));
        requested.position();
        assertThat(requestedAgain.status()).isEqualTo(201);
        assertThat(requestedAgain.json()).isEqualTo(requested.json());

        Response acceptedByRequester = post(REQUESTS + "/" + requestId + "/accept", null, amy.token());
        Response accepted = post(REQUESTS + "/" + requestId + "/accept", null, ben.token());
        Response acceptedTwice = post(REQUESTS + "/" + requestId + "/accept", null, ben.token());
        Response requestedAsContacts = request(amy, ben);
        assertThat(acceptedByRequester.status()).isEqualTo(403);
        assertThat(acceptedByRequester.code()).isEqualTo("NOT_REQUEST_RECIPIENT");
        assertThat(accepted.status()).isEqualTo(204);
        accepted.position();
        assertThat(acceptedTwice.status()).isEqualTo(404);
        assertThat(acceptedTwice.code()).isEqualTo("CONTACT_REQUEST_NOT_FOUND");
        assertThat(requestedAsContacts.status()).isEqualTo(409);
        assertThat(requestedAsContacts.code()).isEqualTo("ALREADY_CONTACTS");

        Response removed = callAs(HttpMethod.DELETE, "/api/v1/contacts/" + amy.userId(), null, ben);
        Response removedAgain = callAs(HttpMethod.DELETE, "/api/v1/contacts/" + amy.userId(), null, ben);
        assertThat(removed.status()).isEqualTo(204);
        removed.position();
        assertThat(removedAgain.status()).isEqualTo(404);
        assertThat(removedAgain.code()).isEqualTo("CONTACT_NOT_FOUND");

        assertThat(events(requestId)).extracting(Object::getClass).containsExactly(ContactRequestedEvent.class,
                ContactRequestAcceptedEvent.class, ContactRemovedEvent.class);
        assertThat((ContactRemovedEvent) events(requestId).get(2)).satisfies(event -> {
            assertThat(event.removedBy()).isEqualTo(ben.userId());
            assertThat(event.removedUserId()).isEqualTo(amy.userId());
        });
    }

    @Test
    void request_reject_andAnswersByOthers() {
        Actor cat = signUp("cat");
        Actor dan = signUp("dan");
        Actor eve = signUp("eve");
        String requestId = request(cat, dan).json().get("requestId").asString();

        Response acceptedByOutsider = post(REQUESTS + "/" + requestId + "/accept", null, eve.token());
        Response unknown = post(REQUESTS + "/" + UUID.randomUUID() + "/accept", null, eve.token());
        Response rejected = post(REQUESTS + "/" + requestId + "/reject", null, dan.token());
        Response acceptedAfterReject = post(REQUESTS + "/" + requestId + "/accept", null, dan.token());

        assertThat(List.of(acceptedByOutsider, unknown, acceptedAfterReject)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("CONTACT_REQUEST_NOT_FOUND");
        });
        assertThat(acceptedByOutsider.detail()).isEqualTo("No contact request " + requestId);
        assertThat(rejected.status()).isEqualTo(204);
        rejected.position();
        assertThat(events(requestId)).extracting(Object::getClass)
                .containsExactly(ContactRequestedEvent.class, ContactRequestRejectedEvent.class);
        // a request back while one is pending is agreement
        String again = request(cat, dan).json().get("requestId").asString();
        assertThat(request(dan, cat).status()).isEqualTo(201);
        assertThat(events(again).getLast()).isInstanceOf(ContactRequestAcceptedEvent.class);
    }

    @Test
    void requestsAndRemovals_needAnotherExistingUser_andRealIds() {
        Actor fay = signUp("fay");

        Response unknownUser = post(REQUESTS, Map.of("userId", UUID.randomUUID().toString()), fay.token());
        Response self = post(REQUESTS, Map.of("userId", fay.userId()), fay.token());
        Response missing = post(REQUESTS, Map.of(), fay.token());
        Response notAnId = post(REQUESTS + "/not-an-id/accept", null, fay.token());
        Actor gil = signUp("gil");
        String conversationId = post("/api/v1/conversations/direct", Map.of("userId", gil.userId()), fay.token())
                .json().get("conversationId").asString();
        Response aConversationId = post(REQUESTS + "/" + conversationId + "/reject", null, fay.token());
        Response aUserId = post(REQUESTS + "/" + gil.userId() + "/accept", null, fay.token());
        Response neverMet = callAs(HttpMethod.DELETE, "/api/v1/contacts/" + UUID.randomUUID(), null, fay);

        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.code()).isEqualTo("CANNOT_TARGET_SELF");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").has("userId")).isTrue();
        assertThat(List.of(notAnId, aConversationId, aUserId)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("CONTACT_REQUEST_NOT_FOUND");
        });
        assertThat(neverMet.status()).isEqualTo(404);
        assertThat(neverMet.code()).isEqualTo("CONTACT_NOT_FOUND");
    }

    @Test
    void block_endsTheContact_refusesRequests_andUnblockIsIdempotent() {
        Actor gus = signUp("gus");
        Actor hal = signUp("hal");
        String pair = request(gus, hal).json().get("requestId").asString();
        assertThat(post(REQUESTS + "/" + pair + "/accept", null, hal.token()).status()).isEqualTo(204);

        Response blocked = post("/api/v1/users/" + hal.userId() + "/block", null, gus.token());
        Response blockedAgain = post("/api/v1/users/" + hal.userId() + "/block", null, gus.token());
        Response requestWhileBlocked = request(hal, gus);
        Response blockUnknown = post("/api/v1/users/" + UUID.randomUUID() + "/block", null, gus.token());
        Response blockSelf = post("/api/v1/users/" + gus.userId() + "/block", null, gus.token());

        assertThat(blocked.status()).isEqualTo(204);
        blocked.position();
        assertThat(blockedAgain.status()).isEqualTo(204);
        assertThat(requestWhileBlocked.status()).isEqualTo(403);
        assertThat(requestWhileBlocked.code()).isEqualTo("BLOCKED");
        assertThat(blockUnknown.status()).isEqualTo(404);
        assertThat(blockUnknown.code()).isEqualTo("USER_NOT_FOUND");
        assertThat(blockSelf.status()).isEqualTo(400);
        assertThat(blockSelf.code()).isEqualTo("CANNOT_TARGET_SELF");

        Response unblocked = callAs(HttpMethod.DELETE, "/api/v1/users/" + hal.userId() + "/block", null, gus);
        Response unblockedAgain = callAs(HttpMethod.DELETE, "/api/v1/users/" + hal.userId() + "/block", null, gus);
        Response unblockedNeverMet = callAs(HttpMethod.DELETE, "/api/v1/users/" + UUID.randomUUID() + "/block", null, gus);
        assertThat(List.of(unblocked, unblockedAgain, unblockedNeverMet)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(204);
            response.position();
        });
        assertThat(events(pair)).extracting(Object::getClass).containsExactly(ContactRequestedEvent.class,
                ContactRequestAcceptedEvent.class, UserBlockedEvent.class, UserUnblockedEvent.class);
        // no longer contacts: removing answers 404, asking again works
        assertThat(callAs(HttpMethod.DELETE, "/api/v1/contacts/" + hal.userId(), null, gus).code())
                .isEqualTo("CONTACT_NOT_FOUND");
        assertThat(request(hal, gus).status()).isEqualTo(201);
    }

    private Response request(Actor from, Actor to) {
        return post(REQUESTS, Map.of("userId", to.userId()), from.token());
    }

    private List<Object> events(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0).asStream().<Object>map(Message::getPayload).toList();
    }
}
