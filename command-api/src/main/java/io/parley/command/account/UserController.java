package io.parley.command.account;

import java.util.Locale;

import io.parley.command.web.EventPositions;
import io.parley.kernel.text.PlainText;
import io.parley.kernel.account.ChangeNotificationPreferencesCommand;
import io.parley.kernel.account.ChangeProfileCommand;
import io.parley.kernel.account.DeleteUserCommand;
import io.parley.kernel.account.DevicePlatform;
import io.parley.kernel.account.RegisterDeviceCommand;
import io.parley.kernel.account.RemoveDeviceCommand;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** docs/api.md "Users", the writes: the caller's own account. */
@RestController
@RequestMapping("/api/v1/users/me")
class UserController {

    private final CommandGateway commands;
    private final EventPositions positions;

    UserController(CommandGateway commands, EventPositions positions) {
        this.commands = commands;
        this.positions = positions;
    }

    @PatchMapping
    ResponseEntity<Void> changeProfile(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody ProfileChange request) {
        commands.sendAndWait(new ChangeProfileCommand(caller.getSubject(),
                request.displayName() == null ? null : request.displayName().strip(), request.bio(),
                request.avatarUrl()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @DeleteMapping
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller) {
        commands.sendAndWait(new DeleteUserCommand(caller.getSubject()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PutMapping("/notification-preferences")
    ResponseEntity<Void> changeNotificationPreferences(@AuthenticationPrincipal Jwt caller,
                                                       @Valid @RequestBody NotificationPreferences request) {
        commands.sendAndWait(new ChangeNotificationPreferencesCommand(caller.getSubject(), request.email(),
                request.push()));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/devices")
    @ApiResponse(responseCode = "201", description = "Registered for push notifications")
    ResponseEntity<Void> registerDevice(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody Device request) {
        commands.sendAndWait(new RegisterDeviceCommand(caller.getSubject(), request.token(),
                DevicePlatform.valueOf(request.platform().toUpperCase(Locale.ROOT))));
        return positions.status(HttpStatus.CREATED).build();
    }

    @DeleteMapping("/devices/{token}")
    ResponseEntity<Void> removeDevice(@AuthenticationPrincipal Jwt caller,
                                      @PathVariable @Size(max = Device.MAX_TOKEN_LENGTH) String token) {
        commands.sendAndWait(new RemoveDeviceCommand(caller.getSubject(), token));
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    /** Null leaves a field as it is; an empty bio or avatar URL clears it. */
    record ProfileChange(
            @PlainText @Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String displayName,
            @PlainText(multiline = true) @Size(max = 500) String bio,
            @PlainText @Size(max = 2048) @Pattern(regexp = "(https?://\\S+)?", message = "must be an http(s) URL") String avatarUrl) {
    }

    record NotificationPreferences(@NotNull Boolean email, @NotNull Boolean push) {
    }

    record Device(
            @NotBlank @PlainText @Size(max = MAX_TOKEN_LENGTH) String token,
            @NotNull @PlainText @Pattern(regexp = "android|ios|web", message = "must be android, ios or web") String platform) {

        static final int MAX_TOKEN_LENGTH = 4096;
    }
}
