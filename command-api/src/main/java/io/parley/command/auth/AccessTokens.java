package io.parley.command.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.Role;
import io.parley.kernel.security.ParleyClaims;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Signs RS256 access tokens with the claims every service reads (ParleyClaims). */
class AccessTokens {

    private final JwtEncoder encoder;
    private final String keyId;
    private final Duration ttl;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, String keyId, Duration ttl, Clock clock) {
        this.encoder = encoder;
        this.keyId = keyId;
        this.ttl = ttl;
        this.clock = clock;
    }

    String issue(String userId, Set<Role> roles, String sessionId) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ParleyClaims.ISSUER)
                .subject(userId)
                .claim(ParleyClaims.ROLES, roles.stream().map(Role::name).sorted().toList())
                .claim(ParleyClaims.SESSION_ID, sessionId)
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    long ttlSeconds() {
        return ttl.toSeconds();
    }
}
