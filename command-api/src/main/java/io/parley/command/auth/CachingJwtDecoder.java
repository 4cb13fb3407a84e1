package io.parley.command.auth;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Checks a token's signature once: the claims of a token whose signature held are kept, by the token's exact text,
 * for a while, and every use of it still runs the validators (expiry, issuer, session), so a remembered token stops
 * working at its expiry or at its session's end as any other does. A token that fails to decode is not remembered.
 * The RS256 check and the parsing of the claims were a tenth of command-api's CPU per message (docs/benchmarks.md).
 */
final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder signatureAndClaims;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param signatureAndClaims a decoder that checks the signature and parses the claims, and validates nothing
     * @param validator          what every use of a token must pass
     */
    CachingJwtDecoder(JwtDecoder signatureAndClaims, OAuth2TokenValidator<Jwt> validator, long maximumSize,
                      Duration keepFor) {
        this.signatureAndClaims = signatureAndClaims;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(keepFor).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token, signatureAndClaims::decode);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            // As NimbusJwtDecoder words it: the entry point puts the description into WWW-Authenticate.
            String description = result.getErrors().stream()
                    .map(error -> error.getDescription())
                    .filter(text -> text != null && !text.isEmpty())
                    .findFirst().orElse("Unable to validate Jwt");
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: " + description,
                    result.getErrors());
        }
        return jwt;
    }
}
