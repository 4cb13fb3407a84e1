package io.parley.command.auth;

import java.util.Map;

import io.parley.command.web.EventPositions;
import io.parley.kernel.text.PlainText;
import io.parley.kernel.security.ParleyClaims;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** docs/api.md "Auth". */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    private final AuthService auth;
    private final EventPositions positions;

    AuthController(AuthService auth, EventPositions positions) {
        this.auth = auth;
        this.positions = positions;
    }

    @PostMapping("/register")
    @ApiResponse(responseCode = "201", description = "Registered: {userId}")
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterRequest request) {
        String userId = auth.register(request.email(), request.password(), request.displayName());
        return positions.status(HttpStatus.CREATED).body(Map.of("userId", userId));
    }

    @PostMapping("/login")
    AuthService.Tokens login(@Valid @RequestBody LoginRequest request) {
        return auth.login(request.email(), request.password());
    }

    @PostMapping("/refresh")
    AuthService.Tokens refresh(@Valid @RequestBody RefreshRequest request) {
        return auth.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody RefreshRequest request) {
        auth.logout(caller.getSubject(), request.refreshToken());
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/password")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal Jwt caller,
                                        @Valid @RequestBody ChangePasswordRequest request) {
        auth.changePassword(caller.getSubject(), caller.getClaimAsString(ParleyClaims.SESSION_ID),
                request.currentPassword(), request.newPassword());
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    @PostMapping("/password-reset")
    @ApiResponse(responseCode = "202", description = "Always, whether or not the account exists")
    ResponseEntity<Void> requestPasswordReset(@Valid @RequestBody PasswordResetRequest request) {
        auth.requestPasswordReset(request.email());
        // No X-Position: it would advance only for an existing account (docs/security.md).
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/password-reset/confirm")
    ResponseEntity<Void> confirmPasswordReset(@Valid @RequestBody ConfirmPasswordResetRequest request) {
        auth.confirmPasswordReset(request.token(), request.newPassword());
        return positions.status(HttpStatus.NO_CONTENT).build();
    }

    record RegisterRequest(
            @NotBlank @PlainText @Email @Size(max = 254) String email,
            @NotNull @PlainText @Size(min = 8, max = 128) String password,
            @NotBlank @PlainText @Size(max = 100) String displayName) {
    }

    record LoginRequest(@NotBlank @PlainText @Size(max = 254) String email, @NotNull @Size(max = 128) String password) {
    }

    record RefreshRequest(@NotBlank @PlainText @Size(max = 200) String refreshToken) {
    }

    record ChangePasswordRequest(
            @NotNull @Size(max = 128) String currentPassword,
            @NotNull @PlainText @Size(min = 8, max = 128) String newPassword) {
    }

    record PasswordResetRequest(@NotBlank @PlainText @Email @Size(max = 254) String email) {
    }

    record ConfirmPasswordResetRequest(
            @NotBlank @PlainText @Size(max = 200) String token,
            @NotNull @PlainText @Size(min = 8, max = 128) String newPassword) {
    }
}
