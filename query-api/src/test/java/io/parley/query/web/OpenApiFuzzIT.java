package io.parley.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.parley.kernel.testing.OpenApiFuzz;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * query-api under {@link OpenApiFuzz}: every operation of its /v3/api-docs with hostile input, no 5xx, every
 * error a problem detail, nothing internal in any body. The caller is a member of a group with messages, and the
 * requests' ids name them in most cases, so the fuzzer reaches past the membership checks.
 */
class OpenApiFuzzIT extends QueryApiIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(OpenApiFuzzIT.class);

    private static final int REQUESTS = OpenApiFuzz.REQUESTS * 3 / 5;

    @Test
    void hostileRequests_toEveryOperation_getNoServerError_andOnlyProblemDetails() {
        String alice = registeredUser("Fuzz Alice");
        String bob = registeredUser("Fuzz Bob");
        ConversationLog group = ConversationLog.group(alice, "Fuzz", List.of(bob), Instant.now()
                .truncatedTo(ChronoUnit.MILLIS));
        String messageId = group.send(bob, "fuzz me");
        group.edit(messageId, bob, "fuzz me, edited");
        long position = appendTo(ConversationLog.AGGREGATE, group.id(), group.drain());
        assertThat(getAtPosition("/api/v1/conversations/" + group.id(), token(alice), position).status())
                .isEqualTo(200);
        Response docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        Map<String, Supplier<String>> known = Map.of(
                "conversationId", () -> group.id(),
                "messageId", () -> messageId,
                "userId", () -> bob,
                "name", () -> "no-such-projection");
        OpenApiFuzz fuzz = new OpenApiFuzz(docs.json(), OpenApiFuzz.SEED, known);
        assertThat(fuzz.operations()).hasSizeGreaterThan(12);

        String token = token(alice);
        OpenApiFuzz.Report report = fuzz.run("http://localhost:" + port(), REQUESTS, () -> token, 0,
                OpenApiFuzz.SEED);

        // The seed and the counts, to repeat a run (-Dparley.fuzz.seed) and for docs/reliability.md.
        log.info("query-api fuzz: {}", report);
        assertThat(report.requests()).isGreaterThan(REQUESTS * 9L / 10);
        assertThat(report.violations()).as(report.toString()).isEmpty();
        assertThat(report.serverErrors()).isZero();
    }
}
