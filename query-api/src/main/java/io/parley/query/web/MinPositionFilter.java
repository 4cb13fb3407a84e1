package io.parley.query.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Read-your-writes: a GET carrying {@code X-Min-Position} (the {@code X-Position} a command answered with) is
 * served only once every projection of this service has processed that position, or fails with 503 and
 * {@code Retry-After} after a bounded wait.
 * <p>
 * It runs before authentication, because authentication reads a projection too: a token whose session was
 * revoked at or before the position must already be refused. The wait itself is {@link ReadYourWrites}.
 */
class MinPositionFilter extends OncePerRequestFilter {

    private final ReadYourWrites readYourWrites;
    private final HandlerExceptionResolver resolver;

    MinPositionFilter(ReadYourWrites readYourWrites, HandlerExceptionResolver resolver) {
        this.readYourWrites = readYourWrites;
        this.resolver = resolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(ReadYourWrites.HEADER) == null || !HttpMethod.GET.matches(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            readYourWrites.await(request.getHeader(ReadYourWrites.HEADER));
        } catch (ErrorCodeException refused) {
            resolver.resolveException(request, response, null, refused);
            return;
        }
        chain.doFilter(request, response);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Just before Spring Security's filter chain (order -100). */
        static final int ORDER = -101;

        @Bean
        FilterRegistrationBean<MinPositionFilter> minPositionFilter(ReadYourWrites readYourWrites,
                @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
            FilterRegistrationBean<MinPositionFilter> registration =
                    new FilterRegistrationBean<>(new MinPositionFilter(readYourWrites, resolver));
            registration.setOrder(ORDER);
            return registration;
        }
    }
}
