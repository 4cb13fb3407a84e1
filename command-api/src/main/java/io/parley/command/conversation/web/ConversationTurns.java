package io.parley.command.conversation.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One command at a time per conversation in this instance (a batch of queued sends counting as one, {@link
 * ConversationCommands}), its turn taken before the command bus. Commands to one
 * conversation are serialised by the aggregate's lock anyway, but that lock is taken inside the command's
 * transaction, that is while holding a pooled database connection: a burst into one conversation had every
 * connection held by a command waiting for the lock, while the one holding it waited for a connection to finish
 * (and the requests of every other conversation timed out). Waiting for a turn here holds no connection.
 * <p>
 * The wait is bounded ({@code parley.conversation.turn-wait}): a command that does not get its turn in time fails
 * with Axon's {@link LockAcquisitionFailedException}, answered 503 {@code OVERLOADED} with Retry-After
 * ({@code web.Overload}); nothing was written, so the client's retry (same clientMessageId) is safe. The gauge
 * {@code parley.conversation.turns.waiting} counts commands waiting for their turn.
 */
@Component
class ConversationTurns {

    private static final int ATTEMPT_MILLIS = 100;

    private final PessimisticLockFactory locks;
    private final AtomicInteger waiting = new AtomicInteger();

    ConversationTurns(@Value("${parley.conversation.turn-wait:5s}") Duration turnWait, MeterRegistry meters) {
        // Axon tries once at once, then (acquireAttempts - 2) times for the attempt timeout each.
        long timedAttempts = Math.max(1, (turnWait.toMillis() + ATTEMPT_MILLIS - 1) / ATTEMPT_MILLIS);
        this.locks = PessimisticLockFactory.builder()
                .lockAttemptTimeout(ATTEMPT_MILLIS)
                .acquireAttempts(Math.toIntExact(timedAttempts + 2))
                .build();
        Gauge.builder("parley.conversation.turns.waiting", waiting, AtomicInteger::get)
                .description("Commands waiting for their conversation's turn")
                .register(meters);
    }

    /** Blocks until it is this thread's turn in the conversation; release the lock when the command is done. */
    Lock take(String conversationId) {
        waiting.incrementAndGet();
        try {
            return locks.obtainLock(conversationId);
        } finally {
            waiting.decrementAndGet();
        }
    }

    int waiting() {
        return waiting.get();
    }
}
