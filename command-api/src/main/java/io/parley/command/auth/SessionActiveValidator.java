package io.parley.command.auth;

import io.parley.kernel.security.ParleyClaims;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** An access token dies with its session (logout, password change, deletion), not only at its expiry. */
class SessionActiveValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error SESSION_ENDED =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The session of this token has ended.", null);

    private final SessionStore sessions;

    SessionActiveValidator(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String sessionId = token.getClaimAsString(ParleyClaims.SESSION_ID);
        if (sessionId == null || token.getSubject() == null || !sessions.isActive(sessionId, token.getSubject())) {
            return OAuth2TokenValidatorResult.failure(SESSION_ENDED);
        }
        return OAuth2TokenValidatorResult.success();
    }
}
