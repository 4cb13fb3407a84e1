package io.parley.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parley.kernel.account.Role;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Bad input answers a 4xx problem detail with a code, never a 500. */
class BadInputIT extends QueryApiIntegrationTest {

    private final String token = TestTokens.accessToken(UUID.randomUUID().toString(), TestTokens.newSessionId());

    @Test
    void search_withoutSearchParameter_isBadInput() {
        assertFieldError(get("/api/v1/users", token), "search");
    }

    @Test
    void search_withBlankOrTooLongSearch_isBadInput() {
        assertFieldError(get("/api/v1/users?search=", token), "search");
        assertFieldError(get("/api/v1/users?search=  ", token), "search");
        assertFieldError(get("/api/v1/users?search=" + "a".repeat(101), token), "search");
    }

    @Test
    void search_withLimitOutOfRangeOrNoNumber_isBadInput() {
        assertFieldError(get("/api/v1/users?search=a&limit=0", token), "limit");
        assertFieldError(get("/api/v1/users?search=a&limit=101", token), "limit");
        assertFieldError(get("/api/v1/users?search=a&limit=ten", token), "limit");
        assertFieldError(get("/api/v1/users?search=a&limit=99999999999", token), "limit");
    }

    @Test
    void search_atTheLimits_isAccepted() {
        assertThat(get("/api/v1/users?search=" + "a".repeat(100) + "&limit=100", token).status()).isEqualTo(200);
        assertThat(get("/api/v1/users?search=(&limit=1", token).status()).isEqualTo(200);
    }

    @Test
    void anUndecodableQueryString_andARequestLineOverTomcatsLimit_areProblemDetails() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (String query : List.of("search=%FF", "search=a&limit=%C0", "search=" + "a".repeat(10_000))) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + port() + "/api/v1/users?" + query)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(query).isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json"));
                assertThat(response.body()).contains("\"code\":\"MALFORMED_REQUEST\"").doesNotContain("Tomcat");
            }
        }
    }

    @Test
    void textQueryParameters_withControlCharactersOrBidiOverrides_areBadInput() throws Exception {
        Map<String, String> fields = Map.of(
                "/api/v1/search/messages?q=a%00b", "q",
                "/api/v1/search/messages?q=hello&conversationId=x%1Bx", "conversationId",
                "/api/v1/users?search=%E2%80%AEevil", "search",
                "/api/v1/conversations?cursor=%00", "cursor");
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + port() + field.getKey())).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(field.getKey()).isEqualTo(400);
                assertThat(response.body()).as(field.getKey()).contains("\"code\":\"VALIDATION_FAILED\"")
                        .contains("\"" + field.getValue() + "\":");
            }
        }
    }

    @Test
    void anUnknownPath_isNotFound() {
        Response response = get("/api/v1/nothing-here", token);

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NOT_FOUND");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aWriteMethodOnAReadPath_isMethodNotAllowed() {
        Response response = send(HttpMethod.POST, "/api/v1/users/me", token);

        assertThat(response.status()).as(response.toString()).isEqualTo(405);
        assertThat(response.code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theErrorPath_isNotFound_notA500() {
        Response anonymous = get("/error", null);
        Response authenticated = get("/error", token);

        assertThat(java.util.List.of(anonymous, authenticated)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("NOT_FOUND");
            assertThat(response.contentType()).startsWith("application/problem+json");
        });
    }

    @Test
    void health_showsItsComponents_toAdminsOnly() {
        String admin = TestTokens.accessToken(UUID.randomUUID().toString(), TestTokens.newSessionId(), Role.ADMIN);

        Response anonymous = get("/actuator/health", null);
        Response user = get("/actuator/health", token);
        Response anonymousComponent = get("/actuator/health/mongo", null);
        Response byAdmin = get("/actuator/health", admin);

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.json().path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).as(anonymous.toString()).isFalse();
        assertThat(user.json().has("components")).as(user.toString()).isFalse();
        assertThat(anonymousComponent.status()).as(anonymousComponent.toString()).isEqualTo(404);
        assertThat(byAdmin.json().path("components").has("mongo")).as(byAdmin.toString()).isTrue();
    }

    private static void assertFieldError(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors").path(field).asString()).as(response.toString()).isNotBlank();
    }
}
