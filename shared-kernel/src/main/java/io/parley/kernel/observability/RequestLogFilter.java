package io.parley.kernel.observability;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives every request an id ({@code X-Request-Id}: the caller's, e.g. the gateway's, when it is a plain token of at
 * most 64 characters, else a new UUID), answers it in the response, keeps it in the MDC while the request runs, and
 * logs one line per request (not the actuator's): method, route, status, duration, user id, with the request and
 * trace ids from the MDC.
 * The route is the matched pattern ({@code /api/v1/users/me/devices/{token}}), so no id or token from a path is
 * logged; the query string and headers never are.
 */
public final class RequestLogFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    /** Set by {@link RequestUserFilter} once Spring Security has authenticated the caller. */
    static final String USER_ATTRIBUTE = RequestLogFilter.class.getName() + ".userId";
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger("io.parley.requests");

    private final boolean logRequests;

    public RequestLogFilter(boolean logRequests) {
        this.logRequests = logRequests;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String requestId = given != null && ACCEPTED_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        response.setHeader(HEADER, requestId);
        MDC.put(LogContext.REQUEST_ID, requestId);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            // Health probes and scrapes come every few seconds from machines: not worth a line each.
            if (logRequests && !request.getRequestURI().startsWith("/actuator/")) {
                logRequest(request, response, (System.nanoTime() - start) / 1_000_000);
            }
            MDC.remove(LogContext.REQUEST_ID);
            MDC.remove(LogContext.USER_ID);
        }
    }

    private static void logRequest(HttpServletRequest request, HttpServletResponse response, long millis) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern instanceof String matched ? matched : "(no route)";
        Object userId = request.getAttribute(USER_ATTRIBUTE);
        log.atInfo()
                .addKeyValue("http.request.method", request.getMethod())
                .addKeyValue("url.path", route)
                .addKeyValue("http.response.status_code", response.getStatus())
                .addKeyValue("event.duration_ms", millis)
                .addKeyValue("user.id", userId == null ? "" : userId)
                .log("{} {} {} in {} ms", request.getMethod(), route, response.getStatus(), millis);
    }

}
