package io.parley.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.security.ParleyClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Forged and misused access tokens are refused with 401 INVALID_TOKEN (issue 14, "Token abuse"). Expired tokens,
 * another key's signature, rotated refresh tokens reused and a deleted user's tokens are in {@link AuthFlowIT}.
 */
class TokenAbuseIT extends CommandApiIntegrationTest {

    private static final String PROFILE = "/api/v1/users/me";

    @Autowired
    SigningKeys signingKeys;

    private String userId;
    private String sessionId;
    private String valid;

    @BeforeEach
    void aUserWithASession() throws Exception {
        String email = uniqueEmail("abuse");
        userId = register(email);
        String issued = login(email).get("accessToken").asString();
        sessionId = SignedJWT.parse(issued).getJWTClaimsSet().getStringClaim(ParleyClaims.SESSION_ID);
        valid = rs256(claims(Instant.now()).build());
        assertThat(changeName(valid).status()).as("the test's own valid token").isEqualTo(204);
    }

    @Test
    void aTokenNotValidYet_isRefused() throws Exception {
        Instant now = Instant.now();

        assertRefused(rs256(claims(now).notBeforeTime(Date.from(now.plusSeconds(600))).build()));
        assertRefused(rs256(claims(now.plusSeconds(600)).notBeforeTime(Date.from(now.plusSeconds(600))).build()));
    }

    @Test
    void aTokenOfAnotherIssuer_orWithoutASession_isRefused() throws Exception {
        Instant now = Instant.now();

        assertRefused(rs256(claims(now).issuer("https://parley.example.org").build()));
        assertRefused(rs256(claims(now).issuer(null).build()));
        assertRefused(rs256(claims(now).claim(ParleyClaims.SESSION_ID, null).build()));
        assertRefused(rs256(claims(now).claim(ParleyClaims.SESSION_ID, "made-up-session").build()));
    }

    @Test
    void anUnsignedToken_algNone_isRefused() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = valid.split("\\.")[1];

        assertRefused(header + "." + payload + ".");
        assertRefused(header + "." + payload + "." + valid.split("\\.")[2]);
    }

    @Test
    void aTokenSignedWithHs256_andThePublicKeyAsSecret_isRefused() throws Exception {
        JWSSigner signer = new MACSigner(signingKeys.publicKey().getEncoded());
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKeys.keyId())
                .type(JOSEObjectType.JWT).build(), claims(Instant.now()).build());
        token.sign(signer);

        assertRefused(token.serialize());
    }

    @Test
    void aTokenWithChangedClaims_andTheOriginalSignature_isRefused() throws Exception {
        String[] parts = valid.split("\\.");
        String admin = base64Url(claims(Instant.now()).claim(ParleyClaims.ROLES, List.of("USER", "ADMIN")).build()
                .toString());
        String someoneElse = base64Url(claims(Instant.now()).subject(register(uniqueEmail("victim"))).build()
                .toString());
        String longer = base64Url(claims(Instant.now()).expirationTime(Date.from(Instant.now().plusSeconds(86_400)))
                .build().toString());

        for (String payload : List.of(admin, someoneElse, longer)) {
            assertRefused(parts[0] + "." + payload + "." + parts[2]);
        }
    }

    private JWTClaimsSet.Builder claims(Instant issuedAt) {
        return new JWTClaimsSet.Builder()
                .issuer(ParleyClaims.ISSUER)
                .subject(userId)
                .claim(ParleyClaims.ROLES, List.of("USER"))
                .claim(ParleyClaims.SESSION_ID, sessionId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plusSeconds(600)));
    }

    private String rs256(JWTClaimsSet claims) throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKeys.keyId())
                .type(JOSEObjectType.JWT).build(), claims);
        token.sign(new RSASSASigner(signingKeys.rsaKey()));
        return token.serialize();
    }

    private void assertRefused(String token) {
        Response response = changeName(token);

        assertThat(response.status()).as(token).isEqualTo(401);
        assertThat(response.code()).isEqualTo("INVALID_TOKEN");
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    }

    private Response changeName(String accessToken) {
        return call(HttpMethod.PATCH, PROFILE, Map.of("displayName", "Changed"), accessToken);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
