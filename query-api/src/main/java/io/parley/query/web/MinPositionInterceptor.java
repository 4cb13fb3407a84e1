package io.parley.query.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes: a GET carrying {@code X-Min-Position} (the {@code X-Position} a command answered with) is
 * served only once every projection of this service has processed that position, or fails with 503 and
 * {@code Retry-After} after a bounded wait. Runs after authentication, so strangers cannot make it wait.
 */
@Component
class MinPositionInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-Min-Position";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(MinPositionInterceptor.class);

    private final ProcessedPositions positions;
    private final ReadYourWritesProperties properties;

    MinPositionInterceptor(ProcessedPositions positions, ReadYourWritesProperties properties) {
        this.positions = positions;
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(HEADER);
        if (header == null || !HttpMethod.GET.matches(request.getMethod())) {
            return true;
        }
        long position = parse(header.strip());
        if (!positions.await(position, properties.timeout(), properties.pollInterval())) {
            log.info("Position {} not reached within {}: {}", position, properties.timeout(), positions.behind(position));
            throw new PositionNotReachedException(position, RETRY_AFTER);
        }
        return true;
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
}
