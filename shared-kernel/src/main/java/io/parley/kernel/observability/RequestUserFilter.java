package io.parley.kernel.observability;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs inside Spring Security's filter chain: the authenticated user id goes into the MDC (every log line of the
 * request names the user) and to {@link RequestLogFilter}, which logs after Security has cleared its context.
 */
public final class RequestUserFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller instanceof JwtAuthenticationToken && caller.isAuthenticated()) {
            request.setAttribute(RequestLogFilter.USER_ATTRIBUTE, caller.getName());
            MDC.put(LogContext.USER_ID, caller.getName());
        }
        chain.doFilter(request, response);
    }
}
