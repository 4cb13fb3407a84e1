package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.parley.command.CommandApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Found by a hostile-input probe (issue 14): JSON only, strict JSON types, and Parley's text rules, every time a 4xx. */
class StrictInputIT extends CommandApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LOGIN = "/api/v1/auth/login";
    private static final String LOGIN_BODY = "{\"email\": \"nobody@parley.test\", \"password\": \"correct horse\"}";

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "application/yaml", "application/x-yaml", "text/yaml",
            "application/xml", "application/x-www-form-urlencoded", "application/cbor"})
    void writes_acceptJsonOnly(String contentType) {
        Response response = raw(LOGIN, contentType, LOGIN_BODY, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(response.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*"})
    void aWildcardContentType_isRefused_evenWithAnEmptyBody(String contentType) {
        Response response = raw(LOGIN, contentType, "", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void yamlBodies_areNotApplied() {
        Actor actor = signUp("yaml");

        Response response = raw("/api/v1/users/me", "application/yaml", "displayName: Mallory\n", actor.token(),
                "PATCH");

        assertThat(response.status()).as(response.toString()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void jsonWithACharset_isAccepted() {
        Response response = raw(LOGIN, "application/json; charset=UTF-8", LOGIN_BODY, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"email\": \"a\\u0000@parley.test\", \"password\": \"correct horse\"}",
            "{\"email\": \"a\\ud800@parley.test\", \"password\": \"correct horse\"}",
            "{\"email\": \"a\\u001b@parley.test\", \"password\": \"correct horse\"}"
    })
    void controlCharactersAndLoneSurrogates_areInvalidFields(String body) {
        Response response = post(LOGIN, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void idsWithANul_areInvalidFields_everywhere() {
        Actor actor = signUp("nul");
        String nulId = "00000000-0000-0000-0000-00000000000\u0000";
        String group = post("/api/v1/conversations/groups", Map.of("name", "Nul", "memberIds", List.of()),
                actor.token()).json().get("conversationId").asString();

        List<Response> responses = List.of(
                post("/api/v1/contacts/requests", Map.of("userId", nulId), actor.token()),
                post("/api/v1/conversations/direct", Map.of("userId", nulId), actor.token()),
                post("/api/v1/conversations/" + group + "/members", Map.of("userId", nulId), actor.token()),
                post("/api/v1/conversations/groups", Map.of("name", "N", "memberIds", List.of(nulId)), actor.token()),
                post("/api/v1/conversations/" + group + "/messages",
                        Map.of("clientMessageId", "c\u0000", "text", "hi"), actor.token()),
                post("/api/v1/conversations/" + group + "/messages",
                        Map.of("clientMessageId", "c1", "text", "hi", "replyToMessageId", nulId), actor.token()),
                post("/api/v1/conversations/" + group + "/messages",
                        Map.of("clientMessageId", "c2", "text", "hi\u0000"), actor.token()),
                post("/api/v1/auth/refresh", Map.of("refreshToken", "t\u0000"), null),
                post("/api/v1/auth/password-reset", Map.of("email", "a\u0000@parley.test"), null),
                post("/api/v1/auth/register", Map.of("email", uniqueEmail("nul"), "password", "correct\u0000horse",
                        "displayName", "Nul"), null));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        });
    }

    @Test
    void bidiOverrides_areRefusedInNames_butNotInMessages() {
        Actor actor = signUp("bidi");
        Response displayName = call(org.springframework.http.HttpMethod.PATCH, "/api/v1/users/me",
                Map.of("displayName", "Eve\u202Egnp.exe"), actor.token());
        Response groupName = post("/api/v1/conversations/groups",
                Map.of("name", "\u2066admins\u2069", "memberIds", List.of()), actor.token());
        Response register = post("/api/v1/auth/register", Map.of("email", uniqueEmail("bidi"),
                "password", PASSWORD, "displayName", "Mallory\u202D"));
        String group = post("/api/v1/conversations/groups", Map.of("name", "שלום group", "memberIds", List.of()),
                actor.token()).json().get("conversationId").asString();
        Response message = post("/api/v1/conversations/" + group + "/messages",
                Map.of("clientMessageId", "rtl", "text", "quote: \u202Bשלום\u202C\nline two\ttab"), actor.token());

        assertThat(List.of(displayName, groupName, register)).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        });
        assertThat(message.status()).as(message.toString()).isEqualTo(201);
    }

    @Test
    void jsonTypes_areStrict() {
        Actor actor = signUp("strict");
        String group = post("/api/v1/conversations/groups", Map.of("name", "Strict", "memberIds", List.of()),
                actor.token()).json().get("conversationId").asString();
        post("/api/v1/conversations/" + group + "/messages", Map.of("clientMessageId", "one", "text", "1"),
                actor.token());
        String conversation = "/api/v1/conversations/" + group;

        List<Response> responses = List.of(
                post(conversation + "/messages", "{\"clientMessageId\": \"b\", \"text\": true}", actor.token()),
                post(conversation + "/messages", "{\"clientMessageId\": \"n\", \"text\": 42}", actor.token()),
                post(conversation + "/messages", "{\"clientMessageId\": 7, \"text\": \"hi\"}", actor.token()),
                call(org.springframework.http.HttpMethod.PUT, conversation + "/mute", "{\"muted\": -1}",
                        actor.token()),
                call(org.springframework.http.HttpMethod.PUT, conversation + "/mute", "{\"muted\": 1}", actor.token()),
                call(org.springframework.http.HttpMethod.PUT, conversation + "/mute", "{\"muted\": \"true\"}",
                        actor.token()),
                post(conversation + "/read", "{\"upToSeq\": 1.5}", actor.token()),
                post(conversation + "/read", "{\"upToSeq\": 1.0}", actor.token()),
                post(conversation + "/read", "{\"upToSeq\": \"1\"}", actor.token()),
                post(LOGIN, "{\"email\": [\"a@parley.test\"], \"password\": \"correct horse\"}"));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("MALFORMED_REQUEST");
        });
        assertThat(call(org.springframework.http.HttpMethod.PUT, conversation + "/mute", "{\"muted\": true}",
                actor.token()).status()).isEqualTo(204);
        assertThat(post(conversation + "/read", "{\"upToSeq\": 1}", actor.token()).status()).isEqualTo(204);
    }

    @Test
    void theErrorPath_isNotFound_notA500() {
        Response anonymous = call(org.springframework.http.HttpMethod.GET, "/error", null, null);
        Actor actor = signUp("error-path");
        Response authenticated = call(org.springframework.http.HttpMethod.GET, "/error", null, actor.token());

        assertThat(anonymous.status()).as(anonymous.toString()).isBetween(400, 499);
        assertThat(anonymous.code()).isNotNull();
        assertThat(authenticated.status()).as(authenticated.toString()).isEqualTo(404);
        assertThat(authenticated.code()).isEqualTo("NOT_FOUND");
    }

    private Response raw(String path, String contentType, String body, String token) {
        return raw(path, contentType, body, token, "POST");
    }

    private Response raw(String path, String contentType, String body, String token, String method) {
        RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port)
                .method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.body(body).exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            JsonNode json = bytes.length == 0 ? JSON.missingNode() : JSON.readTree(bytes);
            return new Response(res.getStatusCode().value(), res.getHeaders(), json);
        });
    }
}
