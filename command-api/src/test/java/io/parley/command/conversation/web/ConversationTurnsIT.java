package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.lock.Lock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Commands to one conversation wait for their turn before they take a database connection: a burst into one
 * conversation larger than the connection pool neither starves other conversations of connections nor fails, and
 * gets consecutive seqs once the turns come.
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

        List<Long> seqs = new ArrayList<>();
        try {
            for (Future<Response> answer : answers) {
                Response response = answer.get(1, TimeUnit.MINUTES);
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                seqs.add(response.json().get("seq").asLong());
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, sends).boxed().toList());
        assertThat(waiting()).isZero();
    }

    private double waiting() {
        return meters.get("parley.conversation.turns.waiting").gauge().value();
    }
}
