package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
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
