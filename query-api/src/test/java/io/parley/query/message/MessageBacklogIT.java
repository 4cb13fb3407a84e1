package io.parley.query.message;

import static org.assertj.core.api.Assertions.assertThat;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.parley.kernel.message.MessageBacklog;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import io.parley.query.web.Queries;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The backlog pages of a live message stream, read through the query bus as the STOMP side reads them. */
class MessageBacklogIT extends QueryApiIntegrationTest {

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();

    @Autowired
    private QueryGateway queries;
    @Autowired
    private MongoTemplate mongo;

    @Test
    void aFullPage_isIncomplete_andTheNextPageContinuesAfterItsLastSeq() {
        ConversationLog direct = conversationWith(5);

        MessageBacklog first = backlog(direct, 0, 3);
        assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
        assertThat(first.lastSeq()).isEqualTo(3);
        assertThat(first.complete()).isFalse();
        MessageBacklog second = backlog(direct, first.lastSeq(), 3);
        assertThat(seqs(second)).containsExactly(4L, 5L);
        assertThat(second.lastSeq()).isEqualTo(5);
        assertThat(second.complete()).isTrue();
        assertThat(first.items()).allSatisfy(item -> assertThat(item.version()).isPositive());
    }

    @Test
    void aPage_stopsBeforeAHole_becauseThatMessageAndLaterOnesArriveAsUpdates() {
        ConversationLog direct = conversationWith(5);
        mongo.remove(query(where(MessageDocument.CONVERSATION_ID).is(direct.id()).and(MessageDocument.SEQ).is(3)),
                MessageDocument.class);

        MessageBacklog page = backlog(direct, 0, 10);
        assertThat(seqs(page)).containsExactly(1L, 2L);
        assertThat(page.lastSeq()).isEqualTo(2);
        assertThat(page.complete()).isTrue();
    }

    @Test
    void messagesHiddenForTheReader_areLeftOut_butCoveredByLastSeq() {
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        direct.send(alice, "one");
        String hidden = direct.send(alice, "two");
        direct.hide(hidden, bob);
        publishAndWait(direct);

        MessageBacklog forBob = backlog(direct, 0, 10);
        assertThat(seqs(forBob)).containsExactly(1L);
        assertThat(forBob.lastSeq()).isEqualTo(2);
        assertThat(seqs(Queries.await(queries.query(new StreamMessagesQuery(alice, direct.id(), 0, 10),
                MessageBacklog.class)))).containsExactly(1L, 2L);
    }

    private ConversationLog conversationWith(int messages) {
        ConversationLog direct = ConversationLog.direct(alice, bob, start);
        for (int i = 1; i <= messages; i++) {
            direct.send(i % 2 == 0 ? alice : bob, "message " + i);
        }
        publishAndWait(direct);
        return direct;
    }

    private void publishAndWait(ConversationLog log) {
        long position = appendTo(ConversationLog.AGGREGATE, log.id(), log.drain());
        assertThat(getAtPosition("/api/v1/conversations/" + log.id(),
                TestTokens.accessToken(bob, TestTokens.newSessionId()),
                position).status()).isEqualTo(200);
    }

    private MessageBacklog backlog(ConversationLog log, long afterSeq, int limit) {
        return Queries.await(queries.query(new StreamMessagesQuery(bob, log.id(), afterSeq, limit),
                MessageBacklog.class));
    }

    private static List<Long> seqs(MessageBacklog backlog) {
        return backlog.items().stream().map(item -> item.message().seq()).toList();
    }
}
