package io.parley.command.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Per-IP limit on the unauthenticated auth endpoints and per-user limit on writes. The client address is the
 * socket's: X-Forwarded-For is trusted only when {@code server.forward-headers-strategy} says so (behind the
 * gateway), otherwise anyone could pick their own key.
 */
class RateLimitInterceptor implements HandlerInterceptor {

    static final Set<String> AUTH_PATHS = Set.of("/api/v1/auth/register", "/api/v1/auth/login",
            "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final RateLimits limits;

    RateLimitInterceptor(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (HttpMethod.POST.matches(request.getMethod()) && AUTH_PATHS.contains(request.getRequestURI())) {
            limits.acquireAuthRequest(request.getRemoteAddr());
        } else if (!READ_METHODS.contains(request.getMethod())) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication instanceof JwtAuthenticationToken token) {
                limits.acquireWrite(token.getName());
            }
        }
        return true;
    }
}
