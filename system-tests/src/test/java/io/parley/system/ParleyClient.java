package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parley as an app sees it: writes to command-api, reads from query-api, and reads its own writes by passing
 * back the highest {@code X-Position} it was given as {@code X-Min-Position}.
 */
final class ParleyClient {

    static final String PASSWORD = "s3cret-password";

    record User(String userId, String email, String accessToken) {

        Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + accessToken);
        }
    }

    final Http command;
    final Http query;
    private final AtomicLong position = new AtomicLong();

    ParleyClient(ParleyStack stack) {
        this.command = new Http(stack.command.baseUrl());
        this.query = new Http(stack.query.baseUrl());
    }

    /** Registers a user with a fresh email and logs them in. */
    User signUp(String displayName) {
        String email = displayName.toLowerCase().replaceAll("[^a-z]", "") + "." + UUID.randomUUID() + "@example.org";
        Http.Reply registered = command.post("/api/v1/auth/register",
                Map.of("email", email, "password", PASSWORD, "displayName", displayName), Map.of());
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        seen(registered);
        Http.Reply login = command.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD), Map.of());
        assertThat(login.status()).as(login.raw().body()).isEqualTo(200);
        return new User(registered.text("userId"), email, login.text("accessToken"));
    }

    Http.Reply post(User user, String path, Object body) {
        return seen(command.post(path, body, user.bearer()));
    }

    Http.Reply patch(User user, String path, Object body) {
        return seen(command.patch(path, body, user.bearer()));
    }

    Http.Reply put(User user, String path, Object body) {
        return seen(command.put(path, body, user.bearer()));
    }

    Http.Reply delete(User user, String path) {
        return seen(command.delete(path, user.bearer()));
    }

    /** A read that reflects every write this client has made so far. */
    Http.Reply get(User user, String path) {
        return query.get(path, Map.of("Authorization", "Bearer " + user.accessToken(),
                "X-Min-Position", Long.toString(position.get())));
    }

    private Http.Reply seen(Http.Reply reply) {
        String header = reply.header("X-Position");
        if (header != null) {
            position.accumulateAndGet(Long.parseLong(header), Math::max);
        }
        return reply;
    }
}
