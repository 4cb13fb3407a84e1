package io.parley.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.parley.query.support.ConversationLog;
import io.parley.query.support.IdempotencyCheck;
import io.parley.query.support.ProjectionHarness;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;

/** Search words: tokenisation, and the projection against the MongoDB wire server. */
class SearchProjectionTest {

    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();

    @Test
    void everyEvent_appliedTwice_orAllAgain_leavesTheSameDocuments() {
        IdempotencyCheck.assertIdempotent("search_idempotency", h -> {
            new SearchIndexes(h.mongo()).afterPropertiesSet();
            return new SearchProjection(h.mongo());
        }, SearchDocument.COLLECTION);
    }

    @Test
    void tokens_areLowerCaseRunsOfLettersAndDigits_deduplicated() {
        assertThat(Tokens.of("Hello, WORLD! hello-world 42x")).containsExactly("hello", "world", "42x");
        assertThat(Tokens.of("Ärger über Café ＦＵＬＬ")).containsExactly("ärger", "über", "café", "full");
        assertThat(Tokens.of("日本語 テキスト")).containsExactly("日本語", "テキスト");
        assertThat(Tokens.of("हिन्दी")).containsExactly("हिन्दी");
        assertThat(Tokens.of("🙂 ... !!!")).isEmpty();
        assertThat(Tokens.of("a".repeat(100))).containsExactly("a".repeat(Tokens.MAX_TOKEN_LENGTH));
    }

    private ProjectionHarness harness;

    @Test
    void editsReindex_deletionsUnindex_andWordsMatchExactlyOrAsPrefix() {
        harness = new ProjectionHarness("search_projection_test");
        new SearchIndexes(harness.mongo()).afterPropertiesSet();
        harness.project(new SearchProjection(harness.mongo()));
        ConversationLog direct = ConversationLog.direct(alice, bob, Instant.now());
        String edited = direct.send(alice, "Lunch at noon?");
        String deleted = direct.send(bob, "lunch secret plans");
        String kept = direct.send(bob, "Lunchtime tomorrow");
        direct.edit(edited, alice, "Dinner at eight?").deleteForEveryone(deleted, bob);
        harness.apply(direct.drain());

        assertThat(find(where(SearchDocument.TOKENS).regex("^lunch"))).containsExactly(kept);
        assertThat(find(where(SearchDocument.TOKENS).all(List.of("dinner", "eight")))).containsExactly(edited);
        assertThat(find(new Criteria().andOperator(where(SearchDocument.TOKENS).all(List.of("at")),
                where(SearchDocument.TOKENS).regex("^eig")))).containsExactly(edited);
        assertThat(find(where(SearchDocument.TOKENS).is("secret"))).isEmpty();
    }

    private List<String> find(Criteria criteria) {
        return harness.mongo().find(query(criteria), SearchDocument.class).stream().map(SearchDocument::id).toList();
    }
}
