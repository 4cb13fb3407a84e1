package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class RateLimitInterceptorTest {

    private final RateLimitInterceptor interceptor = new RateLimitInterceptor(new RateLimits(new RateLimitProperties(
            new RateLimitProperties.Limit(10, Duration.ofMinutes(15)),
            new RateLimitProperties.Limit(2, Duration.ofMinutes(1)),
            new RateLimitProperties.Limit(2, Duration.ofMinutes(1)),
            1000)));

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void authEndpoints_areLimitedPerClientAddress() throws Exception {
        interceptor.preHandle(request("POST", "/api/v1/auth/register", "10.0.0.1"), new MockHttpServletResponse(), null);
        interceptor.preHandle(request("POST", "/api/v1/auth/login", "10.0.0.1"), new MockHttpServletResponse(), null);

        assertThatThrownBy(() -> interceptor.preHandle(request("POST", "/api/v1/auth/password-reset", "10.0.0.1"),
                new MockHttpServletResponse(), null)).isInstanceOf(RateLimitedException.class);
        assertThat(interceptor.preHandle(request("POST", "/api/v1/auth/login", "10.0.0.2"),
                new MockHttpServletResponse(), null)).isTrue();
    }

    @Test
    void forwardedForHeaders_doNotChooseTheKey() throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            MockHttpServletRequest request = request("POST", "/api/v1/auth/login", "10.0.0.3");
            request.addHeader("X-Forwarded-For", "192.0.2." + attempt);
            interceptor.preHandle(request, new MockHttpServletResponse(), null);
        }
        MockHttpServletRequest spoofed = request("POST", "/api/v1/auth/login", "10.0.0.3");
        spoofed.addHeader("X-Forwarded-For", "192.0.2.99");

        assertThatThrownBy(() -> interceptor.preHandle(spoofed, new MockHttpServletResponse(), null))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void writes_areLimitedPerUser_andReadsAreNot() throws Exception {
        authenticateAs("user-1");
        interceptor.preHandle(request("PATCH", "/api/v1/users/me", "10.0.0.4"), new MockHttpServletResponse(), null);
        interceptor.preHandle(request("POST", "/api/v1/users/me/devices", "10.0.0.5"), new MockHttpServletResponse(), null);

        assertThat(interceptor.preHandle(request("GET", "/api/v1/users/me", "10.0.0.4"),
                new MockHttpServletResponse(), null)).isTrue();
        assertThatThrownBy(() -> interceptor.preHandle(request("DELETE", "/api/v1/users/me", "10.0.0.6"),
                new MockHttpServletResponse(), null)).isInstanceOf(RateLimitedException.class);
        authenticateAs("user-2");
        assertThat(interceptor.preHandle(request("PATCH", "/api/v1/users/me", "10.0.0.4"),
                new MockHttpServletResponse(), null)).isTrue();
    }

    private static MockHttpServletRequest request(String method, String path, String clientAddress) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(clientAddress);
        return request;
    }

    private static void authenticateAs(String userId) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(userId).claim("roles", List.of("USER")).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt, List.of(), userId));
    }
}
