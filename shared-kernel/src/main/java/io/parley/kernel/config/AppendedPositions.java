package io.parley.kernel.config;

import java.util.Arrays;
import java.util.OptionalLong;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The global indexes of the events this thread appended and committed, while a scope is open: a service that answers
 * a command with its position (command-api's {@code X-Position}) opens one per request and reads it after the
 * command, instead of asking the event store for its head in another transaction. {@link TailingJdbcEventStorageEngine}
 * reports each append, and its indexes count once the append's unit of work has committed (a rolled-back append's
 * indexes are never reported). Nothing is recorded on a thread without a scope (a command retried on another thread,
 * a processor), and a scope that recorded nothing reads empty: the caller then falls back to the store's head.
 * A thread that sends commands for others (a batch of several requests' messages) opens a scope of its own around
 * them, reads each event's index in append order and hands each request its own ({@link #adopt(long)}).
 */
public final class AppendedPositions {

    private static final ThreadLocal<Recorded> SCOPE = new ThreadLocal<>();
    private static final String PENDING = AppendedPositions.class.getName() + ".pending";

    private AppendedPositions() {
    }

    /** Opens this thread's scope, empty; close it when the request is answered. */
    public static Scope open() {
        Recorded previous = SCOPE.get();
        SCOPE.set(new Recorded());
        return () -> {
            if (previous == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(previous);
            }
        };
    }

    /** The highest index this thread's scope saw committed; empty without a scope or a committed append in it. */
    public static OptionalLong committed() {
        Recorded scope = SCOPE.get();
        return scope == null || scope.highest < 0 ? OptionalLong.empty() : OptionalLong.of(scope.highest);
    }

    /** Every index this thread's scope saw committed, in the order the events were appended; empty without a scope. */
    public static long[] committedInOrder() {
        Recorded scope = SCOPE.get();
        return scope == null ? new long[0] : Arrays.copyOf(scope.all, scope.count);
    }

    /** Counts {@code index}, committed on another thread for this thread's request, in this thread's scope (if any). */
    public static void adopt(long index) {
        Recorded scope = SCOPE.get();
        if (scope != null) {
            scope.add(new long[] {index});
        }
    }

    /** Whether this thread has a scope: only then is an append's position worth reading. */
    static boolean recording() {
        return SCOPE.get() != null;
    }

    /** Events were given {@code indexes} (in append order) in the current unit of work: they count once it commits. */
    static void appended(long[] indexes) {
        Recorded scope = SCOPE.get();
        if (scope == null || !CurrentUnitOfWork.isStarted() || indexes.length == 0) {
            return;
        }
        // One list per unit of work, in append order (Axon runs after-commit handlers last registered first).
        CurrentUnitOfWork.get().root().<Recorded>getOrComputeResource(PENDING, key -> {
            Recorded pending = new Recorded();
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> {
                // The scope of the thread that committed, which is the one that appended: a unit of work is one
                // thread's.
                if (SCOPE.get() == scope) {
                    scope.add(Arrays.copyOf(pending.all, pending.count));
                }
            });
            return pending;
        }).add(indexes);
    }

    private static final class Recorded {

        private long highest = -1;
        private long[] all = new long[4];
        private int count;

        void add(long[] indexes) {
            if (count + indexes.length > all.length) {
                all = Arrays.copyOf(all, Math.max(2 * all.length, count + indexes.length));
            }
            for (long index : indexes) {
                all[count++] = index;
                highest = Math.max(highest, index);
            }
        }
    }

    /** An open scope; closing it restores the one before, if any. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
