package io.parley.kernel.progress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventhandling.EventMessage;

/**
 * Wakes whoever waits for processors of this JVM to get somewhere: an {@link #interceptor} on those processors
 * counts every batch they commit (its token included) and remembers the token it committed per segment, and
 * {@link #await} checks its condition again after each such commit, or after {@code recheck} for progress made
 * elsewhere (another instance), instead of polling. The remembered token is ahead of the processor's in-memory
 * status for a moment after each commit (the processor updates its status after the commit's callbacks), so a
 * waiter woken by the commit need not read the stored token to see it.
 */
public final class BatchCommits {

    private static final String COUNTED = BatchCommits.class.getName() + ".counted";

    private final Object lock = new Object();
    private final Map<String, Map<Integer, TrackingToken>> committedTokens = new ConcurrentHashMap<>();
    private long commits;

    /**
     * Counts the batch of each unit of work of the named tracking processor it sees once that batch has committed,
     * and remembers the batch's token (the processor keeps it and the segment in the unit of work's resources).
     */
    public MessageHandlerInterceptor<EventMessage<?>> interceptor(String processorName) {
        String tokenKey = "Processor[" + processorName + "]/Token";
        String segmentKey = "Processor[" + processorName + "]/SegmentId";
        return (unitOfWork, chain) -> {
            UnitOfWork<?> batch = unitOfWork.root();
            if (batch.resources().putIfAbsent(COUNTED, Boolean.TRUE) == null) {
                batch.afterCommit(committed -> {
                    if (committed.resources().get(tokenKey) instanceof TrackingToken token
                            && committed.resources().get(segmentKey) instanceof Integer segment) {
                        committedTokens.computeIfAbsent(processorName, name -> new ConcurrentHashMap<>())
                                .put(segment, token);
                    }
                    committed();
                });
            }
            return chain.proceed();
        };
    }

    /** The token of the last batch this JVM committed for the processor's segment; null if none. */
    public TrackingToken committedToken(String processorName, int segment) {
        Map<Integer, TrackingToken> segments = committedTokens.get(processorName);
        return segments == null ? null : segments.get(segment);
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
