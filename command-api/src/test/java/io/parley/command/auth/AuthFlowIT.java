package io.parley.command.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.account.PasswordResetRequestedEvent;
import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.security.ParleyClaims;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuthFlowIT extends CommandApiIntegrationTest {

    private static final String PROFILE = "/api/v1/users/me";

    @Autowired
    EventStore eventStore;

    @Autowired
    SigningKeys signingKeys;

    @Test
    void register_login_refresh_reuseOfRotatedToken_endsTheSession() {
        String email = uniqueEmail("flow");
        Response registered = post("/api/v1/auth/register",
                Map.of("email", email, "password", PASSWORD, "displayName", "Flow"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("X-Position")).isNotNull().matches("\\d+");
        String userId = registered.json().get("userId").asString();

        JsonNode login = login(email.toUpperCase());
        assertThat(login.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(login.get("userId").asString()).isEqualTo(userId);
        Map<String, Object> claims = claims(login.get("accessToken").asString());
        assertThat(claims).containsEntry("iss", ParleyClaims.ISSUER).containsEntry("sub", userId)
                .containsKeys("sid", "jti", "iat", "exp");
        assertThat(claims.get("roles")).isEqualTo(List.of("USER"));
        assertThat(header(login.get("accessToken").asString())).containsEntry("kid", signingKeys.keyId())
                .containsEntry("alg", "RS256");

        String firstRefresh = login.get("refreshToken").asString();
        Response refreshed = post("/api/v1/auth/refresh", Map.of("refreshToken", firstRefresh));
        assertThat(refreshed.status()).isEqualTo(200);
        String secondRefresh = refreshed.json().get("refreshToken").asString();
        String secondAccess = refreshed.json().get("accessToken").asString();
        assertThat(secondRefresh).isNotEqualTo(firstRefresh);
        assertThat(claims(secondAccess).get("sid")).isEqualTo(claims.get("sid"));
        assertThat(changeName(secondAccess).status()).isEqualTo(204);

        Response reuse = post("/api/v1/auth/refresh", Map.of("refreshToken", firstRefresh));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("REFRESH_TOKEN_REUSED");

        Response afterReuse = post("/api/v1/auth/refresh", Map.of("refreshToken", secondRefresh));
        assertThat(afterReuse.status()).isEqualTo(401);
        assertThat(afterReuse.code()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(changeName(secondAccess).status()).isEqualTo(401);
        assertThat(revocations(userId)).containsExactly(
                new Revocation(List.of((String) claims.get("sid")), RevocationReason.REFRESH_TOKEN_REUSED));
    }

    @Test
    void logout_endsTheSession_andAnnouncesIt() {
        String email = uniqueEmail("logout");
        String userId = register(email);
        JsonNode login = login(email);
        String access = login.get("accessToken").asString();
        // Active, and remembered so (SessionStore): the logout must make this instance forget it at once.
        assertThat(changeName(access).status()).isEqualTo(204);

        Response logout = post("/api/v1/auth/logout", Map.of("refreshToken", login.get("refreshToken").asString()),
                access);

        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("X-Position")).matches("\\d+");
        Response refresh = post("/api/v1/auth/refresh", Map.of("refreshToken", login.get("refreshToken").asString()));
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.code()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(changeName(access).status()).isEqualTo(401);
        assertThat(revocations(userId)).containsExactly(
                new Revocation(List.of((String) claims(access).get("sid")), RevocationReason.LOGOUT));
    }

    @Test
    void logout_isRejected_forAnotherUsersRefreshToken() {
        String mine = uniqueEmail("mine");
        String theirs = uniqueEmail("theirs");
        register(mine);
        register(theirs);
        JsonNode myLogin = login(mine);
        JsonNode theirLogin = login(theirs);

        Response logout = post("/api/v1/auth/logout", Map.of("refreshToken", theirLogin.get("refreshToken").asString()),
                myLogin.get("accessToken").asString());

        assertThat(logout.status()).isEqualTo(401);
        assertThat(logout.code()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", theirLogin.get("refreshToken").asString()))
                .status()).isEqualTo(200);
    }

    @Test
    void passwordChange_keepsTheCallersSession_andRevokesTheOthers() {
        String email = uniqueEmail("change");
        String userId = register(email);
        JsonNode here = login(email);
        JsonNode elsewhere = login(email);
        String access = here.get("accessToken").asString();

        Response wrongCurrent = post("/api/v1/auth/password",
                Map.of("currentPassword", "not the password", "newPassword", "a new password"), access);
        assertThat(wrongCurrent.status()).isEqualTo(401);
        assertThat(wrongCurrent.code()).isEqualTo("INVALID_CREDENTIALS");

        Response changed = post("/api/v1/auth/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "a new password"), access);

        assertThat(changed.status()).isEqualTo(204);
        assertThat(changed.header("X-Position")).matches("\\d+");
        assertThat(changeName(access).status()).isEqualTo(204);
        assertThat(changeName(elsewhere.get("accessToken").asString()).status()).isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", elsewhere.get("refreshToken").asString()))
                .status()).isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", here.get("refreshToken").asString()))
                .status()).isEqualTo(200);
        assertThat(post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD)).status())
                .isEqualTo(401);
        login(email, "a new password");
        assertThat(revocations(userId)).containsExactly(new Revocation(
                List.of((String) claims(elsewhere.get("accessToken").asString()).get("sid")),
                RevocationReason.PASSWORD_CHANGED));
    }

    @Test
    void passwordReset_withTheMailedToken_setsANewPassword_once() {
        String email = uniqueEmail("reset");
        String userId = register(email);
        JsonNode before = login(email);

        Response unknown = post("/api/v1/auth/password-reset", Map.of("email", uniqueEmail("nobody")));
        Response known = post("/api/v1/auth/password-reset", Map.of("email", email.toUpperCase()));

        assertThat(unknown.status()).isEqualTo(202);
        assertThat(known.status()).isEqualTo(202);
        assertThat(known.headers().headerNames()).isEqualTo(unknown.headers().headerNames())
                .doesNotContain("X-Position");
        assertThat(known.json()).isEqualTo(unknown.json());
        PasswordResetRequestedEvent requested = await().atMost(Duration.ofSeconds(10)).until(() ->
                eventStore.readEvents(userId).asStream()
                        .map(Message::getPayload)
                        .filter(PasswordResetRequestedEvent.class::isInstance)
                        .map(PasswordResetRequestedEvent.class::cast)
                        .findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(requested.email()).isEqualTo(email);
        assertThat(requested.token()).startsWith(userId + ".");
        assertThat(requested.expiresAt()).isBetween(Instant.now().plusSeconds(25 * 60), Instant.now().plusSeconds(31 * 60));

        Response guessed = post("/api/v1/auth/password-reset/confirm",
                Map.of("token", userId + ".guess", "newPassword", "reset password"));
        assertThat(guessed.status()).isEqualTo(400);
        assertThat(guessed.code()).isEqualTo("INVALID_RESET_TOKEN");

        Response confirmed = post("/api/v1/auth/password-reset/confirm",
                Map.of("token", requested.token(), "newPassword", "reset password"));
        assertThat(confirmed.status()).isEqualTo(204);
        assertThat(confirmed.header("X-Position")).matches("\\d+");

        Response again = post("/api/v1/auth/password-reset/confirm",
                Map.of("token", requested.token(), "newPassword", "another password"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("INVALID_RESET_TOKEN");
        assertThat(post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(401);
        login(email, "reset password");
        assertThat(changeName(before.get("accessToken").asString()).status()).isEqualTo(401);
        assertThat(revocations(userId)).containsExactly(new Revocation(
                List.of((String) claims(before.get("accessToken").asString()).get("sid")),
                RevocationReason.PASSWORD_CHANGED));
    }

    @Test
    void passwordResetConfirm_isRejected_forTokensOfNoAccount() {
        for (String token : List.of("no-dot-at-all", "not-a-user.secret",
                "00000000-0000-0000-0000-000000000000.secret")) {
            Response response = post("/api/v1/auth/password-reset/confirm",
                    Map.of("token", token, "newPassword", "reset password"));
            assertThat(response.status()).as(token).isEqualTo(400);
            assertThat(response.code()).as(token).isEqualTo("INVALID_RESET_TOKEN");
        }
    }

    @Test
    void login_isRejected_whenThePasswordIsWrong_orTheAccountUnknown() {
        String email = uniqueEmail("wrong");
        register(email);

        Response wrong = post("/api/v1/auth/login", Map.of("email", email, "password", "not the password"));
        Response unknown = post("/api/v1/auth/login", Map.of("email", uniqueEmail("unknown"), "password", PASSWORD));

        for (Response response : List.of(wrong, unknown)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.code()).isEqualTo("INVALID_CREDENTIALS");
            assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        }
    }

    @Test
    void login_isRateLimited_afterTooManyFailedAttemptsOnOneAccount() {
        String email = uniqueEmail("limited");
        register(email);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(post("/api/v1/auth/login", Map.of("email", email, "password", "guess " + attempt)).status())
                    .isEqualTo(401);
        }

        Response limited = post("/api/v1/auth/login", Map.of("email", email.toUpperCase(), "password", PASSWORD));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header(HttpHeaders.RETRY_AFTER))).isPositive();
        login(uniqueEmail("other"), PASSWORD, 401);
    }

    @Test
    void register_givesRoleAdmin_toConfiguredEmails() {
        register("First.Admin@parley.test");

        JsonNode login = login("first.admin@parley.test");

        assertThat(claims(login.get("accessToken").asString()).get("roles")).isEqualTo(List.of("ADMIN", "USER"));
    }

    @Test
    void register_isRejected_whenTheEmailIsTaken_ignoringCase() {
        String email = uniqueEmail("taken");
        register(email);

        Response duplicate = post("/api/v1/auth/register",
                Map.of("email", email.toUpperCase(), "password", PASSWORD, "displayName", "Copy"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("EMAIL_TAKEN");
    }

    @Test
    void concurrentRegistrations_withOneEmail_createExactlyOneAccount() throws Exception {
        String email = uniqueEmail("race");
        int clients = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                String spelling = client % 2 == 0 ? email : email.toUpperCase();
                Callable<Response> register = () -> {
                    start.await();
                    return post("/api/v1/auth/register",
                            Map.of("email", spelling, "password", PASSWORD, "displayName", "Racer"));
                };
                answers.add(pool.submit(register));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(responses).filteredOn(response -> response.status() == 201).hasSize(1);
            assertThat(responses).filteredOn(response -> response.status() != 201)
                    .hasSize(clients - 1)
                    .allSatisfy(response -> {
                        assertThat(response.status()).isEqualTo(409);
                        assertThat(response.code()).isEqualTo("EMAIL_TAKEN");
                    });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void accessTokens_areRejected_whenExpired_orSignedByAnotherKey() throws Exception {
        String email = uniqueEmail("tokens");
        String userId = register(email);
        String sessionId = (String) claims(login(email).get("accessToken").asString()).get("sid");
        Instant now = Instant.now();

        String expired = sign(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKeys.rsaKey()))),
                signingKeys.keyId(), userId, sessionId, now.minusSeconds(1200), now.minusSeconds(300));
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(signingKeys.keyId()).generate();
        String forged = sign(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(otherKey))),
                signingKeys.keyId(), userId, sessionId, now, now.plusSeconds(600));
        String valid = sign(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signingKeys.rsaKey()))),
                signingKeys.keyId(), userId, sessionId, now, now.plusSeconds(600));

        assertThat(changeName(valid).status()).isEqualTo(204);
        for (String token : List.of(expired, forged, "not.a.jwt", valid + "x")) {
            Response response = changeName(token);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.code()).isEqualTo("INVALID_TOKEN");
            assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        }
        Response none = call(HttpMethod.PATCH, PROFILE, Map.of("displayName", "Nobody"), null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void deletedUser_cannotLogIn_andTheEmailIsFreeAgain() {
        String email = uniqueEmail("deleted");
        String userId = register(email);
        JsonNode login = login(email);
        String access = login.get("accessToken").asString();

        Response deleted = call(HttpMethod.DELETE, PROFILE, null, access);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.header("X-Position")).matches("\\d+");
        Response afterwards = post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(afterwards.status()).isEqualTo(401);
        assertThat(afterwards.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(changeName(access).status()).isEqualTo(401);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", login.get("refreshToken").asString()))
                .status()).isEqualTo(401);
        assertThat(revocations(userId)).containsExactly(new Revocation(
                List.of((String) claims(access).get("sid")), RevocationReason.ACCOUNT_DELETED));
        assertThat(register(email)).isNotEqualTo(userId);
    }

    @Test
    void jwks_publishesThePublicSigningKey() {
        Response jwks = call(HttpMethod.GET, "/.well-known/jwks.json", null, null);

        assertThat(jwks.status()).isEqualTo(200);
        JsonNode key = jwks.json().get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("kid").asString()).isEqualTo(signingKeys.keyId());
        assertThat(key.has("d")).isFalse();
    }

    private void login(String email, String password, int expectedStatus) {
        assertThat(post("/api/v1/auth/login", Map.of("email", email, "password", password)).status())
                .isEqualTo(expectedStatus);
    }

    private Response changeName(String accessToken) {
        return call(HttpMethod.PATCH, PROFILE, Map.of("displayName", "Renamed"), accessToken);
    }

    private List<Revocation> revocations(String userId) {
        return eventStore.readEvents(userId).asStream()
                .map(Message::getPayload)
                .filter(SessionsRevokedEvent.class::isInstance)
                .map(SessionsRevokedEvent.class::cast)
                .map(event -> new Revocation(event.sessionIds(), event.reason()))
                .toList();
    }

    private static String sign(JwtEncoder encoder, String keyId, String userId, String sessionId, Instant issuedAt,
                               Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ParleyClaims.ISSUER)
                .subject(userId)
                .claim(ParleyClaims.ROLES, List.of("USER"))
                .claim(ParleyClaims.SESSION_ID, sessionId)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String jwt) {
        return JsonMapper.builder().build().readValue(decode(jwt.split("\\.")[1]), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(String jwt) {
        return JsonMapper.builder().build().readValue(decode(jwt.split("\\.")[0]), Map.class);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private record Revocation(List<String> sessionIds, RevocationReason reason) {
    }
}
