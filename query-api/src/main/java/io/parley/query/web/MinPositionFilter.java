package io.parley.query.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * revoked at or before the position must already be refused. A position the event store has not reached is
 * refused at once, so nobody can hold a request for the whole wait with a made-up number.
 */
class MinPositionFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Min-Position";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(MinPositionFilter.class);

    private final ProcessedPositions positions;
    private final EventStore eventStore;
    private final ReadYourWritesProperties properties;
    private final HandlerExceptionResolver resolver;

    MinPositionFilter(ProcessedPositions positions, EventStore eventStore, ReadYourWritesProperties properties,
                      HandlerExceptionResolver resolver) {
        this.positions = positions;
        this.eventStore = eventStore;
        this.properties = properties;
        this.resolver = resolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !HttpMethod.GET.matches(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            awaitPosition(request.getHeader(HEADER).strip());
        } catch (ErrorCodeException refused) {
            resolver.resolveException(request, response, null, refused);
            return;
        }
        chain.doFilter(request, response);
    }

    private void awaitPosition(String header) {
        long position = parse(header);
        if (positions.reached(position)) {
            return;
        }
        if (position > eventStore.createHeadToken().position().orElse(0L)) {
            throw new InvalidHeaderException(HEADER, "is beyond the end of the event store");
        }
        if (!positions.await(position, properties.timeout(), properties.pollInterval())) {
            log.info("Position {} not reached within {}: {}", position, properties.timeout(), positions.behind(position));
            throw new PositionNotReachedException(position, RETRY_AFTER);
        }
    }

    private static long parse(String value) {
        try {
            long position = Long.parseLong(value);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below like a negative number
        }
        throw new InvalidHeaderException(HEADER, "must be a non-negative whole number");
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Just before Spring Security's filter chain (order -100). */
        static final int ORDER = -101;

        @Bean
        FilterRegistrationBean<MinPositionFilter> minPositionFilter(
                ProcessedPositions positions, EventStore eventStore, ReadYourWritesProperties properties,
                @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
            FilterRegistrationBean<MinPositionFilter> registration =
                    new FilterRegistrationBean<>(new MinPositionFilter(positions, eventStore, properties, resolver));
            registration.setOrder(ORDER);
            return registration;
        }
    }
}
