package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.parley.command.CommandApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** Bad input of every kind gets a 4xx problem with a stable code, never a 500. */
class HostileInputIT extends CommandApiIntegrationTest {

    private static final String REGISTER = "/api/v1/auth/register";

    @Test
    void missingFields_areListedInErrors() {
        Response response = post(REGISTER, Map.of("email", "someone@parley.test"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.json().get("errors").has("password")).isTrue();
        assertThat(response.json().get("errors").has("displayName")).isTrue();
        assertThat(response.json().get("title").asString()).isEqualTo("Bad Request");
    }

    @Test
    void invalidFields_areListedInErrors() {
        Response response = post(REGISTER, Map.of("email", "not-an-email", "password", "short", "displayName", " "));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().get("errors").has("email")).isTrue();
        assertThat(response.json().get("errors").has("password")).isTrue();
        assertThat(response.json().get("errors").has("displayName")).isTrue();
    }

    @Test
    void passwordsLongerThanBcryptReads_areAccepted_upTo128Characters() {
        String email = uniqueEmail("long");
        String password = "ü".repeat(128);
        assertThat(post(REGISTER, Map.of("email", email, "password", password, "displayName", "Long")).status())
                .isEqualTo(201);
        assertThat(post("/api/v1/auth/login", Map.of("email", email, "password", "ü".repeat(127) + "u")).status())
                .isEqualTo(401);
        login(email, password);
        assertThat(post(REGISTER, Map.of("email", uniqueEmail("toolong"), "password", "x".repeat(129),
                "displayName", "Long")).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"email\": ",
            "not json at all",
            "[1, 2, 3]",
            "{\"email\": {\"nested\": true}, \"password\": \"correct horse\", \"displayName\": \"X\"}",
            "{\"email\": \"a@parley.test\", \"password\": [\"correct horse\"], \"displayName\": \"X\"}",
            ""
    })
    void malformedJson_orWrongTypes_areMalformedRequests(String body) {
        Response response = post(REGISTER, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void bodiesOverOneMegabyte_areRefused_whenAnnouncedByContentLength() {
        String big = "{\"email\": \"" + "a".repeat(1024 * 1024) + "@parley.test\", \"password\": \"x\", \"displayName\": \"x\"}";

        Response response = post(REGISTER, big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void bodiesOverOneMegabyte_areRefused_whenStreamedChunked() throws Exception {
        byte[] big = ("{\"email\": \"" + "a".repeat(1024 * 1024 + 10) + "@parley.test\", \"password\": \"x\", "
                + "\"displayName\": \"x\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + REGISTER))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(JsonMapper.builder().build().readTree(response.body()).get("code").asString())
                    .isEqualTo("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void aBodyTrickledSlowerThanTheBodyTimeout_is408_andTheConnectionCloses() throws Exception {
        long began = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 500\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            // One byte whenever the service has been silent for 200 ms, for at most 20 s; the context allows 2 s.
            while (Duration.ofNanos(System.nanoTime() - began).compareTo(Duration.ofSeconds(20)) < 0) {
                try {
                    int next = socket.getInputStream().read();
                    if (next < 0) {
                        break;
                    }
                    answer.write(next);
                } catch (SocketTimeoutException silent) {
                    if (answer.size() == 0) {
                        out.write(' ');
                        out.flush();
                    }
                }
            }
            String text = answer.toString(StandardCharsets.UTF_8);

            assertThat(text).startsWith("HTTP/1.1 408").contains("\"code\":\"REQUEST_TIMEOUT\"");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void unsupportedMediaType_isRefused() {
        Response response = RestClient.create("http://localhost:" + port).post().uri(REGISTER)
                .contentType(MediaType.TEXT_PLAIN)
                .body("email=a@parley.test")
                .exchange((req, res) -> new Response(res.getStatusCode().value(), res.getHeaders(),
                        JsonMapper.builder().build().readTree(res.getBody())));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void wrongMethod_isMethodNotAllowed() {
        Response response = call(HttpMethod.GET, "/api/v1/auth/login", null, null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.code()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void unknownPaths_needAToken_andAreNotFoundWithOne() {
        String email = uniqueEmail("lost");
        register(email);
        String token = login(email).get("accessToken").asString();

        Response anonymous = call(HttpMethod.GET, "/api/v1/nothing-here", null, null);
        Response authenticated = call(HttpMethod.GET, "/api/v1/nothing-here", null, token);
        Response wrongMethod = call(HttpMethod.GET, "/api/v1/users/me/devices", null, token);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("INVALID_TOKEN");
        assertThat(authenticated.status()).isEqualTo(404);
        assertThat(authenticated.code()).isEqualTo("NOT_FOUND");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void refresh_isRejected_forAnUnknownToken() {
        Response response = post("/api/v1/auth/refresh", Map.of("refreshToken", "made-up"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("INVALID_REFRESH_TOKEN");
    }
}
