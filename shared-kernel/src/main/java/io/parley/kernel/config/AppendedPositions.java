package io.parley.kernel.config;

import java.util.OptionalLong;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The highest global index of the events this thread appended and committed, while a scope is open: a service that
 * answers a command with its position (command-api's {@code X-Position}) opens one per request and reads it after the
 * command, instead of asking the event store for its head in another transaction. {@link TailingJdbcEventStorageEngine}
 * reports each append, and the position counts once the append's unit of work has committed (a rolled-back append's
 * index is never reported). Nothing is recorded on a thread without a scope (a command retried on another thread, a
 * processor), and a scope that recorded nothing reads empty: the caller then falls back to the store's head.
 */
public final class AppendedPositions {

    private static final ThreadLocal<long[]> SCOPE = new ThreadLocal<>();

    private AppendedPositions() {
    }

    /** Opens this thread's scope, empty; close it when the request is answered. */
    public static Scope open() {
        long[] previous = SCOPE.get();
        SCOPE.set(new long[] {-1});
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
        long[] scope = SCOPE.get();
        return scope == null || scope[0] < 0 ? OptionalLong.empty() : OptionalLong.of(scope[0]);
    }

    /** Whether this thread has a scope: only then is an append's position worth reading. */
    static boolean recording() {
        return SCOPE.get() != null;
    }

    /** Events up to {@code index} were appended in the current unit of work: counts once it has committed. */
    static void appended(long index) {
        long[] scope = SCOPE.get();
        if (scope == null || !CurrentUnitOfWork.isStarted()) {
            return;
        }
        CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> {
            // The scope of the thread that committed, which is the one that appended: a unit of work is one thread's.
            if (SCOPE.get() == scope) {
                scope[0] = Math.max(scope[0], index);
            }
        });
    }

    /** An open scope; closing it restores the one before, if any. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
