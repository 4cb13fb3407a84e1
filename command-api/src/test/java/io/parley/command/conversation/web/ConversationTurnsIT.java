package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.kernel.message.MessageSentEvent;
import org.axonframework.common.lock.Lock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Commands to one conversation wait for their turn before they take a database connection: a burst into one
 * conversation larger than the connection pool neither starves other conversations of connections nor fails, and
 * gets consecutive seqs once the turns come, the queued sends committed together.
 */
class ConversationTurnsIT extends ConversationIntegrationTest {

    @Autowired
    ConversationTurns turns;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void aBurstLargerThanThePool_waitsForItsTurn_holdingNoConnection() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        int sends = pool.getMaximumPoolSize() + 10;
        Actor owner = signUp("burst-owner");
        List<Actor> members = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(signUp("burst-" + i));
        }
        String burst = createGroup(owner, "Burst", members.toArray(Actor[]::new));
        String quiet = createGroup(owner, "Quiet");

        ExecutorService clients = Executors.newFixedThreadPool(sends);
        List<Future<Response>> answers = new ArrayList<>();
        Lock held = turns.take(burst);
        try {
            for (int i = 0; i < sends; i++) {
                Actor sender = members.get(i % members.size());
                String clientMessageId = "burst-" + i;
                answers.add(clients.submit(() -> send(sender, burst, clientMessageId, "in the burst")));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == sends);

            // Every burst command waits, and the pool still serves everyone else at once.
            assertThat(sent(owner, quiet, "another conversation").get("seq").asLong()).isEqualTo(1);
            assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isZero();
            assertThat(answers).noneMatch(Future::isDone);
        } finally {
            held.release();
        }

        Map<Long, Long> positions = new HashMap<>();
        try {
            for (Future<Response> answer : answers) {
                Response response = answer.get(1, TimeUnit.MINUTES);
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                positions.put(response.json().get("seq").asLong(), response.position());
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(positions.keySet()).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, sends).boxed().toList());
        assertThat(waiting()).isZero();
        // The sends that queued for the turn were committed together (one transaction: one xmin for all their
        // events), and each answer still carries its own message's position.
        assertThat(jdbc.sql("select count(distinct xmin::text) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%MessageSentEvent'").param(burst).query(Long.class).single()).isOne();
        assertThat(positions).isEqualTo(positionsBySeq(burst));
    }

    /**
     * A batch the conversation refuses (one of its messages replies to no message of it) wrote nothing: each queued
     * send then gets its own answer, the refused one its problem, a retry queued beside its original the original's
     * answer, and the others consecutive seqs; the refused message's clientMessageId is free again.
     */
    @Test
    void queuedSends_ofWhichOneIsRefused_eachGetTheirOwnAnswer() throws Exception {
        Actor owner = signUp("batch-owner");
        Actor member = signUp("batch-member");
        String group = createGroup(owner, "Batch", member);
        List<Map<String, Object>> bodies = List.of(
                body("clientMessageId", "b-1", "text", "first"),
                body("clientMessageId", "b-2", "text", "to nowhere", "replyToMessageId", UUID.randomUUID().toString()),
                body("clientMessageId", "b-3", "text", "third"),
                body("clientMessageId", "b-1", "text", "first"));

        ExecutorService clients = Executors.newFixedThreadPool(bodies.size());
        List<Future<Response>> answers = new ArrayList<>();
        Lock held = turns.take(group);
        try {
            for (Map<String, Object> body : bodies) {
                answers.add(clients.submit(() -> send(body.get("clientMessageId").equals("b-3") ? member : owner,
                        group, body)));
                // In this order in the queue.
                int queued = answers.size();
                await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == queued);
            }
        } finally {
            held.release();
        }
        List<Response> responses = new ArrayList<>();
        try {
            for (Future<Response> answer : answers) {
                responses.add(answer.get(1, TimeUnit.MINUTES));
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(responses.get(0).status()).as(responses.get(0).toString()).isEqualTo(201);
        assertThat(responses.get(1).status()).isEqualTo(400);
        assertThat(responses.get(1).code()).isEqualTo("INVALID_REPLY_TARGET");
        assertThat(responses.get(2).status()).as(responses.get(2).toString()).isEqualTo(201);
        assertThat(responses.get(3).status()).isEqualTo(200);
        assertThat(responses.get(3).json()).isEqualTo(responses.get(0).json());
        assertThat(List.of(responses.get(0), responses.get(2))).extracting(response -> response.json().get("seq").asLong())
                .containsExactly(1L, 2L);
        assertThat(events(group, MessageSentEvent.class)).extracting(MessageSentEvent::clientMessageId)
                .containsExactly("b-1", "b-3");
        Response again = send(owner, group, "b-2", "now to the group");
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().get("seq").asLong()).isEqualTo(3);
    }

    private double waiting() {
        return meters.get("parley.conversation.turns.waiting").gauge().value();
    }
}
