package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.junit.jupiter.api.Test;

class ConversationTurnsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConversationTurns turns = new ConversationTurns(Duration.ofMillis(300), meters);

    @Test
    void aCommandThatDoesNotGetItsTurnWithinTheWait_fails_andOtherConversationsAreNotHeldUp() throws Exception {
        Lock held = turns.take("busy");
        try {
            long started = System.nanoTime();
            CompletableFuture<Lock> late = CompletableFuture.supplyAsync(() -> turns.take("busy"));
            assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LockAcquisitionFailedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            CompletableFuture.runAsync(() -> turns.take("quiet").release()).get(10, TimeUnit.SECONDS);
        } finally {
            held.release();
        }
        assertThat(meters.get("parley.conversation.turns.waiting").gauge().value()).isZero();
    }

    @Test
    void theNextCommandGetsItsTurn_whenTheOneBeforeIsDone() throws Exception {
        Lock first = turns.take("busy");
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> turns.take("busy").release());
        first.release();

        next.get(10, TimeUnit.SECONDS);
    }
}
