package io.parley.notification.email;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from             the From of every mail, e.g. {@code Parley <no-reply@parley.example>}
 * @param passwordResetUrl the reset link up to the token, which is appended URL-encoded
 */
@ConfigurationProperties("parley.notifications.email")
public record EmailProperties(String from, String passwordResetUrl) {

    public EmailProperties {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("parley.notifications.email.from is required");
        }
        if (passwordResetUrl == null || passwordResetUrl.isBlank()) {
            throw new IllegalArgumentException("parley.notifications.email.password-reset-url is required");
        }
    }
}
