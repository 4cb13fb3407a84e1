package io.parley.command.account;

import io.parley.command.web.EventPositions;
import io.parley.command.web.Ids;
import io.parley.kernel.account.DeactivateUserCommand;
import io.parley.kernel.account.ReactivateUserCommand;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** docs/api.md "Admin": deactivate and reactivate accounts (role ADMIN, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/v1/admin/users/{userId}")
@Tag(name = "Admin", description = "Moderation by users with role ADMIN")
class AdminUserController {

    private final CommandGateway commands;
    private final KnownUsers users;
    private final EventPositions positions;

    AdminUserController(CommandGateway commands, KnownUsers users, EventPositions positions) {
        this.commands = commands;
        this.users = users;
        this.positions = positions;
    }

    /** Every session of the user ends (sockets close with reason ACCOUNT_DEACTIVATED); login answers 403. */
    @PostMapping("/deactivate")
    ResponseEntity<Void> deactivate(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        requireUser(userId);
        commands.sendAndWait(new DeactivateUserCommand(userId, caller.getSubject()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/reactivate")
    ResponseEntity<Void> reactivate(@AuthenticationPrincipal Jwt caller, @PathVariable String userId) {
        requireUser(userId);
        commands.sendAndWait(new ReactivateUserCommand(userId, caller.getSubject()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    private void requireUser(String userId) {
        if (!Ids.isId(userId)) {
            throw new DomainException(ErrorCode.USER_NOT_FOUND, "No user " + userId);
        }
        users.require(userId);
    }
}
