package io.parley.query.session;

import io.parley.kernel.security.ParleyClaims;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** Rejects access tokens of ended sessions (and tokens without a session, which could never be revoked). */
@Component
class RevokedSessionValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error NO_SESSION =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token names no session.", null);
    private static final OAuth2Error REVOKED =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The session of this token has ended.", null);

    private final RevokedSessions revokedSessions;

    RevokedSessionValidator(RevokedSessions revokedSessions) {
        this.revokedSessions = revokedSessions;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String sessionId = token.getClaimAsString(ParleyClaims.SESSION_ID);
        if (sessionId == null || sessionId.isBlank()) {
            return OAuth2TokenValidatorResult.failure(NO_SESSION);
        }
        return revokedSessions.isRevoked(sessionId) ? OAuth2TokenValidatorResult.failure(REVOKED)
                : OAuth2TokenValidatorResult.success();
    }
}
