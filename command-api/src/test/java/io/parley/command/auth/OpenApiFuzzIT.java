package io.parley.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.account.Role;
import io.parley.kernel.testing.OpenApiFuzz;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * command-api under {@link OpenApiFuzz}: every operation of its /v3/api-docs with hostile input, no 5xx, every
 * error a problem detail, nothing internal in any body. The tests' context limits writes to 30 per user, so the
 * fuzzer changes user every 20 requests: a new account (registered, its session made here rather than by a login,
 * to spare the password hashing) with a group and a message of its own, which the ids of the requests name.
 */
class OpenApiFuzzIT extends CommandApiIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(OpenApiFuzzIT.class);

    private static final int REQUESTS = OpenApiFuzz.REQUESTS * 2 / 5;

    @Autowired
    private SessionStore sessions;

    @Autowired
    private AccessTokens accessTokens;

    private final AtomicReference<String> userId = new AtomicReference<>();
    private final AtomicReference<String> otherUserId = new AtomicReference<>();
    private final AtomicReference<String> conversationId = new AtomicReference<>();
    private final AtomicReference<String> messageId = new AtomicReference<>();

    @Test
    void hostileRequests_toEveryOperation_getNoServerError_andOnlyProblemDetails() {
        Response docs = call(HttpMethod.GET, "/v3/api-docs", null, null);
        assertThat(docs.status()).isEqualTo(200);
        otherUserId.set(register(uniqueEmail("fuzz-other")));
        Map<String, Supplier<String>> known = Map.of(
                "conversationId", conversationId::get,
                "messageId", messageId::get,
                "userId", otherUserId::get,
                "requestId", () -> UUID.randomUUID().toString(),
                "item", otherUserId::get,
                "email", () -> uniqueEmail("fuzz"));
        OpenApiFuzz fuzz = new OpenApiFuzz(docs.json(), OpenApiFuzz.SEED, known);
        assertThat(fuzz.operations()).hasSizeGreaterThan(25);

        OpenApiFuzz.Report report = fuzz.run("http://localhost:" + port, REQUESTS, this::newUser, 20,
                OpenApiFuzz.SEED);

        // The seed and the counts, to repeat a run (-Dparley.fuzz.seed) and for docs/reliability.md.
        log.info("command-api fuzz: {}", report);
        assertThat(report.requests()).isGreaterThan(REQUESTS * 9L / 10);
        assertThat(report.violations()).as(report.toString()).isEmpty();
        assertThat(report.serverErrors()).isZero();
    }

    /** A new user with a session and a group with one message; returns its access token. */
    private String newUser() {
        String id = register(uniqueEmail("fuzz"));
        String sessionId = UUID.randomUUID().toString();
        sessions.create(sessionId, id, UUID.randomUUID().toString(), Instant.now().plusSeconds(3_600));
        String token = accessTokens.issue(id, Set.of(Role.USER), sessionId);
        Response group = post("/api/v1/conversations/groups", Map.of("name", "Fuzz", "memberIds",
                java.util.List.of(otherUserId.get())), token);
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        String conversation = group.json().get("conversationId").asString();
        Response sent = post("/api/v1/conversations/" + conversation + "/messages", Map.of("clientMessageId",
                UUID.randomUUID().toString(), "text", "fuzz"), token);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        userId.set(id);
        conversationId.set(conversation);
        messageId.set(sent.json().get("messageId").asString());
        return token;
    }
}
