package io.parley.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.account.RevocationReason;
import io.parley.kernel.account.Role;
import io.parley.kernel.account.SessionsRevokedEvent;
import io.parley.kernel.account.UserRegisteredEvent;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import io.parley.kernel.testing.ActuatorInfo;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Which access tokens the query API accepts, and what a refusal looks like. */
class SecurityIT extends QueryApiIntegrationTest {

    private String userId;
    private long registeredAt;

    @BeforeEach
    void registerUser() {
        userId = UUID.randomUUID().toString();
        registeredAt = append(userId, new UserRegisteredEvent(userId, userId + "@example.com", "Secure",
                Set.of(Role.USER), Instant.now()));
    }

    @Test
    void aValidToken_isAccepted() {
        Response response = getAtPosition("/api/v1/users/me", TestTokens.accessToken(userId, TestTokens.newSessionId()),
                registeredAt);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void aRevokedSessionsToken_isRejected_whileOtherSessionsStillWork() {
        String revoked = TestTokens.newSessionId();
        String kept = TestTokens.newSessionId();
        String revokedToken = TestTokens.accessToken(userId, revoked);
        String keptToken = TestTokens.accessToken(userId, kept);
        assertThat(getAtPosition("/api/v1/users/me", revokedToken, registeredAt).status()).isEqualTo(200);

        long position = append(userId, new SessionsRevokedEvent(userId, List.of(revoked), RevocationReason.LOGOUT,
                Instant.now()));
        Response afterRevocation = getAtPosition("/api/v1/users/me", keptToken, position);

        assertThat(afterRevocation.status()).as(afterRevocation.toString()).isEqualTo(200);
        assertUnauthorized(get("/api/v1/users/me", revokedToken), true);
    }

    @Test
    void anExpiredToken_isRejected() {
        assertUnauthorized(get("/api/v1/users/me", TestTokens.expiredToken(userId, TestTokens.newSessionId())), true);
    }

    @Test
    void aTokenSignedByAnotherKey_isRejected() {
        assertUnauthorized(get("/api/v1/users/me", TestTokens.tokenSignedByOtherKey(userId, TestTokens.newSessionId())),
                true);
    }

    @Test
    void aTokenOfAnotherIssuer_isRejected() {
        assertUnauthorized(get("/api/v1/users/me", TestTokens.tokenOfAnotherIssuer(userId, TestTokens.newSessionId())),
                true);
    }

    @Test
    void forgedTokens_areRejected() {
        String sessionId = TestTokens.newSessionId();

        assertUnauthorized(get("/api/v1/users/me", TestTokens.tokenNotValidYet(userId, sessionId)), true);
        assertUnauthorized(get("/api/v1/users/me", TestTokens.unsignedToken(userId, sessionId)), true);
        assertUnauthorized(get("/api/v1/users/me", TestTokens.tokenMacedWithThePublicKey(userId, sessionId)), true);
        assertUnauthorized(get("/api/v1/admin/projections", TestTokens.tokenWithChangedClaims(userId, sessionId)),
                true);
    }

    @Test
    void aMalformedToken_isRejected() {
        assertUnauthorized(get("/api/v1/users/me", "not.a.jwt"), true);
    }

    @Test
    void noToken_isRejected_onEveryApiPath() {
        assertUnauthorized(get("/api/v1/users/me", null), false);
        assertUnauthorized(get("/api/v1/users/" + userId, null), false);
        assertUnauthorized(get("/api/v1/users?search=a", null), false);
        assertUnauthorized(get("/api/v1/admin/projections", null), false);
        assertUnauthorized(get("/api/v1/does-not-exist", null), false);
    }

    @Test
    void healthAndMetrics_arePublic() {
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);
        Response prometheus = get("/actuator/prometheus", null);
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.entity().getBody()).contains("jvm_memory_used_bytes");
    }

    @Test
    void info_describesTheBuild_toACallerWithAToken() {
        assertUnauthorized(get("/actuator/info", null), false);
        Response info = get("/actuator/info", TestTokens.accessToken(userId, TestTokens.newSessionId()));
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        ActuatorInfo.assertDescribesTheBuild(info.entity().getBody(), "query-api");
    }

    private static void assertUnauthorized(Response response, boolean tokenPresented) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("INVALID_TOKEN");
        assertThat(response.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .isEqualTo(tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
    }
}
