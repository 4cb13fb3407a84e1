package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.servlet.handler.HandlerExceptionResolverComposite;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;

class OverloadTest {

    private final Overload filter = new Overload(resolverWithAdvice());

    @Test
    void requestThatFoundNoConnection_inAFilter_isAnswered503WithRetryAfter() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/conversations/c/messages"), response,
                (request, ignored) -> {
                    throw new CannotGetJdbcConnectionException("pool",
                            new SQLTransientConnectionException("Connection is not available, request timed out"));
                });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getContentAsString()).contains("\"code\":\"OVERLOADED\"");
    }

    @Test
    void otherFailures_passThroughUntouched() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/x"), response,
                (request, ignored) -> {
                    throw new IllegalStateException("a bug");
                })).isInstanceOf(IllegalStateException.class);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void overloadIsFoundAnywhereInTheCauseChain() {
        assertThat(Overload.causedBy(new RuntimeException(new SQLTransientConnectionException("timeout")))).isTrue();
        assertThat(Overload.causedBy(new LockAcquisitionFailedException("no turn in conversation c"))).isTrue();
        assertThat(Overload.causedBy(new RuntimeException(new IllegalStateException()))).isFalse();
    }

    @Test
    void aLostDatabaseConnection_isAnOutage_notABug() {
        // What PostgreSQL stopped under a running query (the fault suite's PostgreSQL fault) throws, and Hikari after.
        assertThat(Overload.causedBy(new DataAccessResourceFailureException("PreparedStatementCallback",
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE))))
                .isTrue();
        assertThat(Overload.causedBy(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed", "08003")))).isTrue();
        // A commit, or a read in Axon's fetchInTransaction, cut off by the stop, whose rollback then failed on
        // Hikari's closed connection (no SQLState): the fault suite's two 500s (docs/reliability.md, "Long runs").
        assertThat(Overload.causedBy(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
        // Other database errors stay what they are.
        assertThat(Overload.causedBy(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Overload.causedBy(new RuntimeException(new SQLException("no state")))).isFalse();
    }

    private static HandlerExceptionResolverComposite resolverWithAdvice() {
        StaticApplicationContext context = new StaticApplicationContext();
        context.registerSingleton("problemDetailsAdvice", ProblemDetailsAdvice.class);
        context.refresh();
        ExceptionHandlerExceptionResolver resolver = new ExceptionHandlerExceptionResolver();
        resolver.setApplicationContext(context);
        resolver.setMessageConverters(List.of(new JacksonJsonHttpMessageConverter()));
        resolver.afterPropertiesSet();
        HandlerExceptionResolverComposite composite = new HandlerExceptionResolverComposite();
        composite.setExceptionResolvers(List.of(resolver));
        return composite;
    }
}
