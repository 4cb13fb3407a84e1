package io.parley.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

    record Reply(int status, JsonNode body, String position, long nanos) {

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
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String commandUrl;
    private final String queryUrl;

    ParleyApi(String commandUrl, String queryUrl) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
    }

    User signUp(String displayName) {
        String email = "bench." + UUID.randomUUID() + "@example.org";
        String password = "bench-password-" + UUID.randomUUID();
        Reply registered = post(null, "/api/v1/auth/register",
                Map.of("email", email, "password", password, "displayName", displayName)).expect(201);
        Reply login = post(null, "/api/v1/auth/login", Map.of("email", email, "password", password)).expect(200);
        return new User(registered.body().path("userId").asString(), login.body().path("accessToken").asString(),
                login.body().path("refreshToken").asString());
    }

    Reply post(User user, String path, Object body) {
        return signedIn(user, () -> send(HttpRequest.newBuilder(URI.create(commandUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), user, null));
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
        synchronized (user) {
            if (used.equals(user.accessToken)) {
                Reply refreshed = send(HttpRequest.newBuilder(URI.create(commandUrl + "/api/v1/auth/refresh"))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of("refreshToken", user.refreshToken)))), null, null).expect(200);
                user.accessToken = refreshed.body().path("accessToken").asString();
                user.refreshToken = refreshed.body().path("refreshToken").asString();
            }
        }
        return call.get();
    }

    private Reply send(HttpRequest.Builder request, User user, String minPosition) {
        request.timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
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
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body,
                    response.headers().firstValue("X-Position").orElse(null), nanos);
        } catch (IOException e) {
            throw new IllegalStateException("Parley is not reachable (" + e.getMessage() + "): is ./parley up running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
