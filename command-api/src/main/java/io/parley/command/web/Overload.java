package io.parley.command.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A request that found no free database connection within the pool's wait, lost its database connection (PostgreSQL
 * stopped or unreachable: SQLState class 08, "connection exception", or a transaction that could not be committed or
 * rolled back; found by the fault suite, docs/reliability.md),
 * or found no turn in its conversation within the turn wait ({@code ConversationTurns}, Axon's
 * {@link LockAcquisitionFailedException}), is an overload or an outage, not a bug: 503 with Retry-After (never a 500), whether it failed in a controller (the advice) or in a filter before
 * one, such as the session check of the token (this filter, ahead of Spring Security, hands it to the advice).
 */
final class Overload extends OncePerRequestFilter {

    static final long RETRY_AFTER_SECONDS = 1;

    private static final Logger log = LoggerFactory.getLogger(Overload.class);

    private final HandlerExceptionResolver resolver;

    Overload(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof LockAcquisitionFailedException || connectionLost(cause)) {
                return true;
            }
            // The transaction could be neither committed nor rolled back on its connection: Spring's
            // TransactionSystemException, caused by Hikari's "Connection is closed" (no SQLState), with the statement's
            // own failure kept beside it or lost (Axon's fetchInTransaction). The connection went, not the request.
            if (cause instanceof TransactionSystemException) {
                return true;
            }
        }
        return false;
    }

    /** SQLState class 08: the connection failed or was closed under the statement (e.g. PostgreSQL went away). */
    private static boolean connectionLost(Throwable cause) {
        return cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException failure) {
            if (!causedBy(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn("Overloaded (no database connection or turn free in time, or the connection lost) for {} {}: "
                    + "answered 503",
                    request.getMethod(), request.getRequestURI());
            resolver.resolveException(request, response, null, failure);
        }
    }
}
