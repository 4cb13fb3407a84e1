package io.parley.query.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.sun.net.httpserver.HttpServer;
import io.parley.kernel.account.Role;
import io.parley.kernel.security.ParleyClaims;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs access tokens the way command-api does (RS256, {@code kid}, Parley's claims) and serves the public key
 * as a JWKS over HTTP, so the service under test verifies them through its production path (jwk-set-uri).
 */
public final class TestTokens {

    private static final String KEY_ID = "test-key";
    private static final RSAKey KEY = rsaKey(KEY_ID);
    // Same kid, different key: what a forger without the private key could produce at best.
    private static final RSAKey OTHER_KEY = rsaKey(KEY_ID);
    private static volatile String jwksUri;

    private TestTokens() {
    }

    /** The JWKS URL of the test key, served from this JVM (started on first use). */
    public static synchronized String jwksUri() {
        if (jwksUri == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                server.createContext("/.well-known/jwks.json", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "jwks-server-stop"));
                jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return jwksUri;
    }

    public static String accessToken(String userId, String sessionId, Role... roles) {
        Instant now = Instant.now();
        return sign(KEY, userId, sessionId, now, now.plus(Duration.ofMinutes(15)), roles);
    }

    /** A new session id, as command-api would issue at login. */
    public static String newSessionId() {
        return UUID.randomUUID().toString();
    }

    public static String expiredToken(String userId, String sessionId, Role... roles) {
        Instant issued = Instant.now().minus(Duration.ofMinutes(30));
        return sign(KEY, userId, sessionId, issued, issued.plus(Duration.ofMinutes(15)), roles);
    }

    public static String tokenSignedByOtherKey(String userId, String sessionId, Role... roles) {
        Instant now = Instant.now();
        return sign(OTHER_KEY, userId, sessionId, now, now.plus(Duration.ofMinutes(15)), roles);
    }

    /** Signed with the right key, but by someone who is not Parley. */
    public static String tokenOfAnotherIssuer(String userId, String sessionId) {
        Instant now = Instant.now();
        return sign(KEY, "someone-else", userId, sessionId, now, now.plus(Duration.ofMinutes(15)));
    }

    /** Valid in every other way, but only from ten minutes on. */
    public static String tokenNotValidYet(String userId, String sessionId) {
        Instant now = Instant.now();
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(KEY)));
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ParleyClaims.ISSUER)
                .subject(userId)
                .issuedAt(now)
                .notBefore(now.plus(Duration.ofMinutes(10)))
                .expiresAt(now.plus(Duration.ofMinutes(15)))
                .claim(ParleyClaims.ROLES, List.of(Role.USER.name()))
                .claim(ParleyClaims.SESSION_ID, sessionId)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(KEY.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** The claims of a valid token with header {@code alg: none} and no signature. */
    public static String unsignedToken(String userId, String sessionId) {
        String[] valid = accessToken(userId, sessionId).split("\\.");
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + valid[1] + ".";
    }

    /** HS256 with the published public key as the HMAC secret: the classic key-confusion forgery. */
    public static String tokenMacedWithThePublicKey(String userId, String sessionId) {
        try {
            String[] valid = accessToken(userId, sessionId).split("\\.");
            String signingInput = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}") + "."
                    + valid[1];
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY.toRSAPublicKey().getEncoded(), "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose roles were changed to ADMIN afterwards, its signature kept. */
    public static String tokenWithChangedClaims(String userId, String sessionId) {
        String[] valid = accessToken(userId, sessionId).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(valid[1]), StandardCharsets.UTF_8)
                .replace("\"USER\"", "\"ADMIN\"");
        return valid[0] + "." + base64Url(claims) + "." + valid[2];
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(RSAKey key, String userId, String sessionId, Instant issuedAt, Instant expiresAt,
                               Role... roles) {
        return sign(key, ParleyClaims.ISSUER, userId, sessionId, issuedAt, expiresAt, roles);
    }

    private static String sign(RSAKey key, String issuer, String userId, String sessionId, Instant issuedAt,
                               Instant expiresAt, Role... roles) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(userId)
                .id(UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim(ParleyClaims.ROLES, Arrays.stream(roles.length == 0 ? new Role[] {Role.USER} : roles)
                        .map(Role::name).toList())
                .claim(ParleyClaims.SESSION_ID, sessionId)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId)
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
