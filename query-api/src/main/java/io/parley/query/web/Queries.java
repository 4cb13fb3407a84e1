package io.parley.query.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorDetails;
import org.axonframework.queryhandling.QueryExecutionException;

/** Waits for a query result on the request thread and rethrows what the handler threw, unwrapped. */
public final class Queries {

    private static final long TIMEOUT_SECONDS = 30;

    private Queries() {
    }

    public static <T> T await(CompletableFuture<T> result) {
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a query result", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // A handler's domain failure that crossed a bus boundary arrives wrapped, with its details.
            if (cause instanceof QueryExecutionException wrapped
                    && wrapped.getDetails().orElse(null) instanceof ErrorDetails details) {
                throw new DomainException(details.code(), details.detail());
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("No query result within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
