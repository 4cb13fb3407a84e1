package io.parley.command.contact.web;

import io.parley.command.account.KnownUsers;
import io.parley.command.contact.Contacts;
import io.parley.command.web.EventPositions;
import io.parley.command.web.Ids;
import io.parley.kernel.text.PlainText;
import io.parley.kernel.contact.AcceptContactRequestCommand;
import io.parley.kernel.contact.BlockUserCommand;
import io.parley.kernel.contact.RejectContactRequestCommand;
import io.parley.kernel.contact.RemoveContactCommand;
import io.parley.kernel.contact.SendContactRequestCommand;
import io.parley.kernel.contact.UnblockUserCommand;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * docs/api.md "Contacts", the writes. The relationship of two users is one Contact aggregate whose id is derived from
 * the pair (ADR 0003); a pending request has that id too, so {@code requestId} is the pair's id.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Contacts", description = "Contact requests, contacts, blocking")
class ContactController {

    private final CommandGateway commands;
    private final KnownUsers users;
    private final EventPositions positions;

    ContactController(CommandGateway commands, KnownUsers users, EventPositions positions) {
        this.commands = commands;
        this.users = users;
        this.positions = positions;
    }

    /** Asking again changes nothing; asking someone who asked you accepts their request. */
    @PostMapping("/contacts/requests")
    @ApiResponse(responseCode = "201", description = "Requested (or the other's request accepted): {requestId}")
    ResponseEntity<ContactRequested> request(@AuthenticationPrincipal Jwt caller,
                                             @Valid @RequestBody ContactRequest request) {
        users.require(request.userId());
        SendContactRequestCommand command = SendContactRequestCommand.of(caller.getSubject(), request.userId());
        commands.sendAndWait(command);
        return positions.status(HttpStatus.CREATED).body(new ContactRequested(command.contactId()));
    }

    @PostMapping("/contacts/requests/{requestId}/accept")
    ResponseEntity<Void> accept(@AuthenticationPrincipal Jwt caller, @PathVariable String requestId) {
        sendToRequest(requestId, new AcceptContactRequestCommand(requestId, caller.getSubject()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/contacts/requests/{requestId}/reject")
    ResponseEntity<Void> reject(@AuthenticationPrincipal Jwt caller, @PathVariable String requestId) {
        sendToRequest(requestId, new RejectContactRequestCommand(requestId, caller.getSubject()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @DeleteMapping("/contacts/{userId}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        try {
            commands.sendAndWait(RemoveContactCommand.of(caller.getSubject(), userId));
        } catch (AggregateNotFoundException neverMet) {
            throw Contacts.notAContact();
        }
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/users/{userId}/block")
    ResponseEntity<Void> block(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        users.require(userId);
        commands.sendAndWait(BlockUserCommand.of(caller.getSubject(), userId));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    /** Unblocking someone not blocked, or never met, changes nothing (ADR 0003). */
    @DeleteMapping("/users/{userId}/block")
    ResponseEntity<Void> unblock(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        try {
            commands.sendAndWait(UnblockUserCommand.of(caller.getSubject(), userId));
        } catch (AggregateNotFoundException neverMet) {
            // nothing to unblock
        }
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    /** Not an id, an unknown id, or the id of another kind of aggregate: all "no such request". */
    private void sendToRequest(String requestId, Object command) {
        if (!Ids.isId(requestId)) {
            throw Contacts.requestNotFound(requestId);
        }
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            throw Contacts.requestNotFound(requestId);
        }
    }

    record ContactRequest(@NotBlank @PlainText @Size(max = Ids.MAX_LENGTH) String userId) {
    }

    record ContactRequested(String requestId) {
    }
}
