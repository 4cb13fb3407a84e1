package io.parley.command.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token issuing: where the signing keys come from, token lifetimes, and the first admins; how long an active session
 * is remembered ({@code SessionStore}).
 */
@ConfigurationProperties("parley.security")
record SecurityProperties(
        @DefaultValue Jwt jwt,
        @DefaultValue("30m") Duration passwordResetTtl,
        @DefaultValue List<String> adminEmails,
        @DefaultValue("1s") Duration activeSessionCache) {

    /** Empty key locations mean: dev keys under {@code parley.data-dir}/keys, generated at first start. */
    record Jwt(
            String privateKeyLocation,
            String publicKeyLocation,
            @DefaultValue("15m") Duration accessTokenTtl,
            @DefaultValue("30d") Duration refreshTokenTtl) {

        boolean keysConfigured() {
            return privateKeyLocation != null && !privateKeyLocation.isBlank();
        }
    }
}
