package io.parley.command.contact;

import static io.parley.command.testing.DomainFailures.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import io.parley.command.testing.CommandDatabase;
import io.parley.kernel.contact.AcceptContactRequestCommand;
import io.parley.kernel.contact.BlockUserCommand;
import io.parley.kernel.contact.ContactIds;
import io.parley.kernel.contact.ContactRemovedEvent;
import io.parley.kernel.contact.ContactRequestAcceptedEvent;
import io.parley.kernel.contact.ContactRequestRejectedEvent;
import io.parley.kernel.contact.ContactRequestedEvent;
import io.parley.kernel.contact.RejectContactRequestCommand;
import io.parley.kernel.contact.RemoveContactCommand;
import io.parley.kernel.contact.SendContactRequestCommand;
import io.parley.kernel.contact.UnblockUserCommand;
import io.parley.kernel.contact.UserBlockedEvent;
import io.parley.kernel.contact.UserUnblockedEvent;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactTest {

    private final BlockList blockList = new JdbcBlockList(CommandDatabase.dataSource());
    private final String ada = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final String pair = ContactIds.pair(ada, bob);

    private AggregateTestFixture<Contact> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contact.class);
        fixture.registerInjectableResource(blockList);
        now = fixture.currentTime();
    }

    @Test
    void sendRequest_createsAPendingRequest_identifiedByThePair() {
        fixture.givenNoPriorActivity()
                .when(SendContactRequestCommand.of(ada, bob))
                .expectEvents(new ContactRequestedEvent(pair, ada, bob, now));
    }

    @Test
    void sendRequest_isRejected_whenAddressedToOneself() {
        fixture.givenNoPriorActivity()
                .when(SendContactRequestCommand.of(ada, ada))
                .expectException(DomainException.class)
                .expectExceptionDetails(code(ErrorCode.CANNOT_TARGET_SELF));
    }

    @Test
    void sendRequest_isRejected_whenTheIdIsNotThePairs() {
        fixture.givenNoPriorActivity()
                .when(new SendContactRequestCommand(UUID.randomUUID().toString(), ada, bob))
                .expectExceptionDetails(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void sendRequest_again_changesNothing() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .when(SendContactRequestCommand.of(ada, bob))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void sendRequest_back_acceptsThePendingOne() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .when(SendContactRequestCommand.of(bob, ada))
                .expectEvents(new ContactRequestAcceptedEvent(pair, ada, bob, now));
    }

    @Test
    void sendRequest_isRejected_whenAlreadyContacts() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now), new ContactRequestAcceptedEvent(pair, ada, bob, now))
                .when(SendContactRequestCommand.of(bob, ada))
                .expectExceptionDetails(code(ErrorCode.ALREADY_CONTACTS));
    }

    @Test
    void sendRequest_isRejected_whenTheRecipientBlockedTheRequester() {
        fixture.given(new UserBlockedEvent(pair, bob, ada, now))
                .when(SendContactRequestCommand.of(ada, bob))
                .expectExceptionDetails(code(ErrorCode.BLOCKED));
    }

    @Test
    void sendRequest_isRejected_whenTheRequesterBlockedTheRecipient() {
        fixture.given(new UserBlockedEvent(pair, ada, bob, now))
                .when(SendContactRequestCommand.of(ada, bob))
                .expectExceptionDetails(code(ErrorCode.BLOCKED));
    }

    @Test
    void sendRequest_isPossibleAgain_afterARejection() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now), new ContactRequestRejectedEvent(pair, ada, bob, now))
                .when(SendContactRequestCommand.of(ada, bob))
                .expectEvents(new ContactRequestedEvent(pair, ada, bob, now));
    }

    @Test
    void accept_byTheRecipient_makesThemContacts() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .when(new AcceptContactRequestCommand(pair, bob))
                .expectEvents(new ContactRequestAcceptedEvent(pair, ada, bob, now));
    }

    @Test
    void accept_isRejected_whenTheCallerIsTheRequester() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .when(new AcceptContactRequestCommand(pair, ada))
                .expectExceptionDetails(code(ErrorCode.NOT_REQUEST_RECIPIENT));
    }

    @Test
    void accept_isRejected_asNotFound_whenTheCallerIsNotOneOfThePair() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .when(new AcceptContactRequestCommand(pair, UUID.randomUUID().toString()))
                .expectExceptionDetails(code(ErrorCode.CONTACT_REQUEST_NOT_FOUND));
    }

    @Test
    void accept_isRejected_whenNoRequestIsPending() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now), new ContactRequestRejectedEvent(pair, ada, bob, now))
                .when(new AcceptContactRequestCommand(pair, bob))
                .expectExceptionDetails(code(ErrorCode.CONTACT_REQUEST_NOT_FOUND));
    }

    @Test
    void reject_byTheRecipient_endsTheRequest() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .when(new RejectContactRequestCommand(pair, bob))
                .expectEvents(new ContactRequestRejectedEvent(pair, ada, bob, now));
    }

    @Test
    void reject_isRejected_whenTheCallerIsTheRequester() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .when(new RejectContactRequestCommand(pair, ada))
                .expectExceptionDetails(code(ErrorCode.NOT_REQUEST_RECIPIENT));
    }

    @Test
    void remove_byEitherContact_endsTheContact() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now), new ContactRequestAcceptedEvent(pair, ada, bob, now))
                .when(RemoveContactCommand.of(bob, ada))
                .expectEvents(new ContactRemovedEvent(pair, bob, ada, now));
    }

    @Test
    void remove_isRejected_whenNotContacts() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .when(RemoveContactCommand.of(ada, bob))
                .expectExceptionDetails(code(ErrorCode.CONTACT_NOT_FOUND));
    }

    @Test
    void block_ofAStranger_isRecorded_forOtherAggregatesToSee() {
        fixture.givenNoPriorActivity()
                .when(BlockUserCommand.of(ada, bob))
                .expectEvents(new UserBlockedEvent(pair, ada, bob, now));

        assertThat(blockList.blockedEitherWay(bob, ada)).isTrue();
    }

    @Test
    void block_ofAContact_endsTheContact() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now), new ContactRequestAcceptedEvent(pair, ada, bob, now))
                .andGivenCommands(BlockUserCommand.of(bob, ada))
                .when(RemoveContactCommand.of(ada, bob))
                .expectExceptionDetails(code(ErrorCode.CONTACT_NOT_FOUND));
    }

    @Test
    void block_endsAPendingRequest() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .andGivenCommands(BlockUserCommand.of(ada, bob))
                .when(new AcceptContactRequestCommand(pair, bob))
                .expectExceptionDetails(code(ErrorCode.CONTACT_REQUEST_NOT_FOUND));
    }

    @Test
    void block_ofSomeoneAlreadyBlocked_changesNothing() {
        fixture.givenCommands(BlockUserCommand.of(ada, bob))
                .when(BlockUserCommand.of(ada, bob))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unblock_liftsTheBlock() {
        fixture.givenCommands(BlockUserCommand.of(ada, bob))
                .when(UnblockUserCommand.of(ada, bob))
                .expectEvents(new UserUnblockedEvent(pair, ada, bob, now));

        assertThat(blockList.blockedEitherWay(ada, bob)).isFalse();
    }

    @Test
    void unblock_byOneSide_keepsTheOtherSidesBlock() {
        fixture.givenCommands(BlockUserCommand.of(ada, bob), BlockUserCommand.of(bob, ada))
                .when(UnblockUserCommand.of(ada, bob))
                .expectEvents(new UserUnblockedEvent(pair, ada, bob, now));

        assertThat(blockList.blockedEitherWay(ada, bob)).isTrue();
    }

    @Test
    void unblock_ofSomeoneNotBlocked_changesNothing() {
        fixture.given(new ContactRequestedEvent(pair, ada, bob, now))
                .when(UnblockUserCommand.of(ada, bob))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
