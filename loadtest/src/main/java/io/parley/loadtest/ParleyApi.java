package io.parley.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parley's public HTTP API, as a client app calls it. Every call answers with its status, body and latency. */
final class ParleyApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, JsonNode body, String position, long retryAfterSeconds, long nanos) {

        Reply expect(int... statuses) {
            for (int expected : statuses) {
                if (status == expected) {
                    return this;
                }
            }
            throw new IllegalStateException("unexpected HTTP " + status + ": " + body);
        }
    }

    /** A signed-in user; its access token (15 minutes) is refreshed when the API says it expired. */
    static final class User {

        private final String userId;
        private volatile String accessToken;
        private volatile String refreshToken;

        User(String userId, String accessToken, String refreshToken) {
            this.userId = userId;
            this.accessToken = accessToken;
            this.refreshToken = refreshToken;
        }

        String userId() {
            return userId;
        }

        /** The current access token, for a STOMP CONNECT. */
        String accessToken() {
            return accessToken;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String commandUrl;
    private final String queryUrl;

    ParleyApi(String commandUrl, String queryUrl) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
    }

    String queryUrl() {
        return queryUrl;
    }

    User signUp(String displayName) {
        String email = "bench." + UUID.randomUUID() + "@example.org";
        String password = "bench-password-" + UUID.randomUUID();
        authCall("/api/v1/auth/register", Map.of("email", email, "password", password, "displayName", displayName))
                .expect(201);
        return logIn(email, password);
    }

    /** Logs in; null when the credentials are wrong (401). */
    User logIn(String email, String password) {
        Reply login = authCall("/api/v1/auth/login", Map.of("email", email, "password", password)).expect(200, 401);
        if (login.status() == 401) {
            return null;
        }
        return new User(login.body().path("userId").asString(), login.body().path("accessToken").asString(),
                login.body().path("refreshToken").asString());
    }

    /**
     * Register and login are limited per IP (300 a minute by default, docs/api.md): a setup of many users waits as the
     * 429's {@code Retry-After} says, and says so, instead of failing.
     */
    Reply authCall(String path, Object body) {
        while (true) {
            Reply reply = post(null, path, body);
            if (reply.status() != 429) {
                return reply;
            }
            long seconds = Math.max(1, reply.retryAfterSeconds());
            Progress.say("auth rate limit per IP reached (raise PARLEY_RATELIMITS_AUTHPERIP_CAPACITY to avoid it); "
                    + "waiting %d s", seconds);
            try {
                // Waits out the server's Retry-After, as a client of the API must.
                Thread.sleep(Duration.ofSeconds(seconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Reply post(User user, String path, Object body) {
        return signedIn(user, () -> send(HttpRequest.newBuilder(URI.create(commandUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), user, null));
    }

    /** Uploads a file to a conversation as the raw body; the reply's body is the attachment. */
    Reply upload(User user, String conversationId, String name, byte[] bytes) {
        return signedIn(user, () -> send(HttpRequest.newBuilder(URI.create(commandUrl + "/api/v1/conversations/"
                        + conversationId + "/attachments?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), user, null, "application/octet-stream"));
    }

    /** Downloads an attachment; answers its size in bytes and how long it took (the body is counted, not kept). */
    Download download(User user, String attachmentId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(queryUrl + "/api/v1/attachments/" + attachmentId))
                .timeout(Duration.ofSeconds(300))
                .header("Authorization", "Bearer " + user.accessToken)
                .GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            try (InputStream body = response.body()) {
                bytes = body.transferTo(OutputStream.nullOutputStream());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET attachment " + attachmentId + ": HTTP " + response.statusCode());
            }
            return new Download(bytes, System.nanoTime() - start);
        } catch (IOException e) {
            throw new IllegalStateException("Parley is not reachable (" + e.getMessage() + "): is ./parley up running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Download(long bytes, long nanos) {
    }

    /** A POST to query-api (admin endpoints). */
    Reply postQuery(User user, String path, Object body) {
        return signedIn(user, () -> send(HttpRequest.newBuilder(URI.create(queryUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), user, null));
    }

    /** A plain-text GET of query-api without a token, e.g. {@code /actuator/prometheus}. */
    String text(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(queryUrl + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Parley is not reachable (" + e.getMessage() + "): is ./parley up running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A read that waits, on the server, until the read models reached {@code minPosition} (when given). */
    Reply get(User user, String path, String minPosition) {
        return signedIn(user, () -> send(HttpRequest.newBuilder(URI.create(queryUrl + path)).GET(), user, minPosition));
    }

    /** As an app does: on 401 with an expired access token, refresh once and try again. */
    private Reply signedIn(User user, Supplier<Reply> call) {
        String used = user == null ? null : user.accessToken;
        Reply reply = call.get();
        if (reply.status() != 401 || user == null) {
            return reply;
        }
        refresh(user, used);
        return call.get();
    }

    /** A new access token for {@code user}, unless another thread replaced {@code used} already. */
    void refresh(User user, String used) {
        synchronized (user) {
            if (used.equals(user.accessToken)) {
                Reply refreshed = send(HttpRequest.newBuilder(URI.create(commandUrl + "/api/v1/auth/refresh"))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of("refreshToken", user.refreshToken)))), null, null).expect(200);
                user.accessToken = refreshed.body().path("accessToken").asString();
                user.refreshToken = refreshed.body().path("refreshToken").asString();
            }
        }
    }

    private Reply send(HttpRequest.Builder request, User user, String minPosition) {
        return send(request, user, minPosition, "application/json");
    }

    private Reply send(HttpRequest.Builder request, User user, String minPosition, String contentType) {
        request.timeout(Duration.ofSeconds(300)).header("Content-Type", contentType);
        if (user != null) {
            request.header("Authorization", "Bearer " + user.accessToken);
        }
        if (minPosition != null) {
            request.header("X-Min-Position", minPosition);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : readOrText(response.body());
            long retryAfter = response.headers().firstValue("Retry-After").map(ParleyApi::seconds).orElse(0L);
            return new Reply(response.statusCode(), body,
                    response.headers().firstValue("X-Position").orElse(null), retryAfter, nanos);
        } catch (IOException e) {
            throw new IllegalStateException("Parley is not reachable (" + e.getMessage() + "): is ./parley up running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** JSON, or the text as a JSON string when an error page is not JSON. */
    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.getNodeFactory().textNode(body.length() > 300 ? body.substring(0, 300) : body);
        }
    }

    static JsonNode parse(byte[] json) {
        return JSON.readTree(json);
    }

    static String json(Object value) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
