package io.parley.command.contact;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** The relationship between two users: at most one pending request, contact or not, and who blocks whom. */
@Aggregate
class Contact {

    @AggregateIdentifier
    private String contactId;
    private String requesterId;
    private String recipientId;
    private boolean connected;
    private final Set<String> blockers = new HashSet<>();

    Contact() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SendContactRequestCommand command) {
        requirePair(command.contactId(), command.requesterId(), command.recipientId());
        if (!blockers.isEmpty()) {
            throw new DomainException(ErrorCode.BLOCKED, "A contact request is not possible between these users");
        }
        if (connected) {
            throw new DomainException(ErrorCode.ALREADY_CONTACTS, "Already contacts");
        }
        if (command.requesterId().equals(requesterId)) {
            return;
        }
        if (command.requesterId().equals(recipientId)) {
            // both asked: that is agreement
            apply(new ContactRequestAcceptedEvent(contactId, requesterId, recipientId, now()));
            return;
        }
        apply(new ContactRequestedEvent(command.contactId(), command.requesterId(), command.recipientId(), now()));
    }

    @CommandHandler
    void handle(AcceptContactRequestCommand command) {
        requireRecipient(command.userId());
        apply(new ContactRequestAcceptedEvent(contactId, requesterId, recipientId, now()));
    }

    @CommandHandler
    void handle(RejectContactRequestCommand command) {
        requireRecipient(command.userId());
        apply(new ContactRequestRejectedEvent(contactId, requesterId, recipientId, now()));
    }

    @CommandHandler
    void handle(RemoveContactCommand command) {
        requirePair(command.contactId(), command.userId(), command.contactUserId());
        if (!connected) {
            throw Contacts.notAContact();
        }
        apply(new ContactRemovedEvent(contactId, command.userId(), command.contactUserId(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(BlockUserCommand command, BlockList blockList) {
        requirePair(command.contactId(), command.blockerId(), command.blockedId());
        if (blockers.contains(command.blockerId())) {
            return;
        }
        blockList.block(command.blockerId(), command.blockedId());
        apply(new UserBlockedEvent(command.contactId(), command.blockerId(), command.blockedId(), now()));
    }

    @CommandHandler
    void handle(UnblockUserCommand command, BlockList blockList) {
        requirePair(command.contactId(), command.blockerId(), command.blockedId());
        if (!blockers.contains(command.blockerId())) {
            return;
        }
        blockList.unblock(command.blockerId(), command.blockedId());
        apply(new UserUnblockedEvent(contactId, command.blockerId(), command.blockedId(), now()));
    }

    @EventSourcingHandler
    void on(ContactRequestedEvent event) {
        contactId = event.contactId();
        requesterId = event.requesterId();
        recipientId = event.recipientId();
    }

    @EventSourcingHandler
    void on(ContactRequestAcceptedEvent event) {
        connected = true;
        requesterId = null;
        recipientId = null;
    }

    @EventSourcingHandler
    void on(ContactRequestRejectedEvent event) {
        requesterId = null;
        recipientId = null;
    }

    @EventSourcingHandler
    void on(ContactRemovedEvent event) {
        connected = false;
    }

    @EventSourcingHandler
    void on(UserBlockedEvent event) {
        contactId = event.contactId();
        blockers.add(event.blockerId());
        connected = false;
        requesterId = null;
        recipientId = null;
    }

    @EventSourcingHandler
    void on(UserUnblockedEvent event) {
        blockers.remove(event.blockerId());
    }

    private static void requirePair(String contactId, String userId, String otherUserId) {
        if (userId.equals(otherUserId)) {
            throw new DomainException(ErrorCode.CANNOT_TARGET_SELF, "That is the caller");
        }
        if (!contactId.equals(ContactIds.pair(userId, otherUserId))) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Not the contact id of these users");
        }
    }

    private void requireRecipient(String userId) {
        if (requesterId == null || !userId.equals(requesterId) && !userId.equals(recipientId)) {
            throw Contacts.requestNotFound(contactId);
        }
        if (!userId.equals(recipientId)) {
            throw new DomainException(ErrorCode.NOT_REQUEST_RECIPIENT, "Only the recipient answers a contact request");
        }
    }

    // The event message clock: the test fixture fixes it.
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
