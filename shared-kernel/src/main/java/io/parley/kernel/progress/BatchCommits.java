package io.parley.kernel.progress;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventhandling.EventMessage;

/**
 * Wakes whoever waits for processors of this JVM to get somewhere: an {@link #interceptor} on those processors
 * counts every batch they commit (its token included), and {@link #await} checks its condition again after each
 * such commit, or after {@code recheck} for progress made elsewhere (another instance), instead of polling.
 */
public final class BatchCommits {

    private static final String COUNTED = BatchCommits.class.getName() + ".counted";

    private final Object lock = new Object();
    private long commits;

    /** Counts the batch of each unit of work it sees once that batch has committed. */
    public MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return (unitOfWork, chain) -> {
            UnitOfWork<?> batch = unitOfWork.root();
            if (batch.resources().putIfAbsent(COUNTED, Boolean.TRUE) == null) {
                batch.afterCommit(committed -> committed());
            }
            return chain.proceed();
        };
    }

    /** A batch committed: waiters look again. */
    public void committed() {
        synchronized (lock) {
            commits++;
            lock.notifyAll();
        }
    }

    /**
     * Returns true once {@code condition} holds, looking again after every commit and at least every {@code recheck};
     * false when {@code timeoutNanos} ran out first or the thread was interrupted (its flag stays set).
     */
    public boolean await(BooleanSupplier condition, long timeoutNanos, long recheckNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long seen = count();
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !awaitCommitAfter(seen, Math.min(left, recheckNanos))) {
                return false;
            }
        }
    }

    private long count() {
        synchronized (lock) {
            return commits;
        }
    }

    private boolean awaitCommitAfter(long seen, long nanos) {
        long until = System.nanoTime() + nanos;
        synchronized (lock) {
            while (commits == seen) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
