package io.parley.command.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class CachingJwtDecoderTest {

    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final AtomicBoolean sessionActive = new AtomicBoolean(true);
    private NimbusJwtEncoder encoder;
    private CachingJwtDecoder decoder;

    @BeforeEach
    void keys() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        nimbus.setJwtValidator(token -> OAuth2TokenValidatorResult.success());
        JwtDecoder counting = token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
        OAuth2TokenValidator<Jwt> session = token -> sessionActive.get() ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The session has ended.", null));
        decoder = new CachingJwtDecoder(counting, session, 100, Duration.ofMinutes(5));
    }

    @Test
    void aTokenUsedAgain_hasItsSignatureCheckedOnce() {
        String token = token("alice");

        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(token("bob")).getSubject()).isEqualTo("bob");

        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void aRememberedToken_isStillValidatedAtEveryUse() {
        String token = token("alice");
        decoder.decode(token);

        sessionActive.set(false);

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("The session has ended.");
    }

    @Test
    void aTokenThatFailsToDecode_isNotRemembered() {
        String forged = token("alice").replaceFirst("\\.[^.]+$", ".c2lnbmF0dXJl");

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);

        assertThat(signatureChecks).hasValue(2);
    }

    private String token(String subject) {
        Instant now = Instant.now();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("k1").build(),
                JwtClaimsSet.builder().subject(subject).issuedAt(now).expiresAt(now.plusSeconds(60)).build()))
                .getTokenValue();
    }
}
