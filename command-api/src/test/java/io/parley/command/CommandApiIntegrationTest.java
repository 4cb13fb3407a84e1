package io.parley.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.parley.kernel.testing.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context every command-api IT shares: the service on a random port against a fresh PostgreSQL
 * database, driven over HTTP as a client would. Limits are low where a test exercises them; every test uses
 * accounts of its own, so tests do not share buckets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "parley.data-dir=target/it-data",
        // Small attachment limits, so tests cross them cheaply; the sweeper runs often.
        "parley.attachments.max-size=300KB",
        "parley.attachments.quota=700KB",
        "parley.attachments.sweep-interval=200ms",
        // A burst test holds a conversation's turn while it checks the waiting commands: wait generously.
        "parley.conversation.turn-wait=30s",
        "parley.security.admin-emails=first.admin@parley.test," + CommandApiIntegrationTest.MODERATOR_EMAIL,
        "parley.request-body-timeout=2s",
        "parley.rate-limits.login-failures-per-account.capacity=5",
        "parley.rate-limits.login-failures-per-account.period=15m",
        "parley.rate-limits.auth-per-ip.capacity=100000",
        "parley.rate-limits.writes-per-user.capacity=30",
        "parley.rate-limits.writes-per-user.period=1h"
})
public abstract class CommandApiIntegrationTest {

    protected static final String PASSWORD = "correct horse battery";
    /** An account with role ADMIN, shared by the tests of the admin routes (see {@link #moderator()}). */
    protected static final String MODERATOR_EMAIL = "moderator@parley.test";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.postgresUrl("parley_command_it"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
    }

    protected static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@parley.test";
    }

    protected Response post(String path, Object body) {
        return call(HttpMethod.POST, path, body, null);
    }

    protected Response post(String path, Object body, String accessToken) {
        return call(HttpMethod.POST, path, body, accessToken);
    }

    protected Response call(HttpMethod method, String path, Object body, String accessToken) {
        RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + port)
                .method(method)
                .uri(path)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        if (accessToken != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        }
        if (body instanceof String raw) {
            request.contentType(MediaType.APPLICATION_JSON).body(raw);
        } else if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
        }
        return request.exchange((req, res) -> {
            byte[] bytes = res.getBody().readAllBytes();
            JsonNode json = bytes.length == 0 ? JSON.missingNode() : parse(bytes);
            return new Response(res.getStatusCode().value(), res.getHeaders(), json);
        });
    }

    /** Registers an account and returns its user id. */
    protected String register(String email) {
        Response response = post("/api/v1/auth/register",
                Map.of("email", email, "password", PASSWORD, "displayName", "Tester"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("userId").asString();
    }

    /** Logs in with {@link #PASSWORD}; returns the login answer. */
    protected JsonNode login(String email) {
        return login(email, PASSWORD);
    }

    protected JsonNode login(String email, String password) {
        Response response = post("/api/v1/auth/login", Map.of("email", email, "password", password));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Registers and logs in a fresh account; every test uses accounts of its own. */
    protected Actor signUp(String name) {
        String email = uniqueEmail(name);
        String userId = register(email);
        return new Actor(userId, login(email).get("accessToken").asString());
    }

    /** Logs in the ADMIN account, registering it the first time any test asks. */
    protected Actor moderator() {
        Response registered = post("/api/v1/auth/register",
                Map.of("email", MODERATOR_EMAIL, "password", PASSWORD, "displayName", "Moderator"));
        assertThat(registered.status()).as(registered.toString()).isIn(201, 409);
        JsonNode login = login(MODERATOR_EMAIL);
        return new Actor(login.get("userId").asString(), login.get("accessToken").asString());
    }

    protected Response callAs(HttpMethod method, String path, Object body, Actor actor) {
        return call(method, path, body, actor.token());
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (RuntimeException notJson) {
            return JSON.getNodeFactory().stringNode(new String(bytes));
        }
    }

    /** A signed-up user and a valid access token of theirs. */
    public record Actor(String userId, String token) {
    }

    /** What came back: status, headers and the JSON body (a missing node when empty). */
    public record Response(int status, HttpHeaders headers, JsonNode json) {

        public String code() {
            return json.hasNonNull("code") ? json.get("code").asString() : null;
        }

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String detail() {
            return json.hasNonNull("detail") ? json.get("detail").asString() : null;
        }

        /** The X-Position header, which must be there. */
        public long position() {
            String position = header("X-Position");
            assertThat(position).as("X-Position of " + this).isNotNull().matches("\\d+");
            return Long.parseLong(position);
        }
    }
}
