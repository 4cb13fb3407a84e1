package io.parley.kernel.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The resource-server setup every service shares: stateless, bearer tokens verified with the issuer's public
 * key, and authentication and authorization failures answered by the service's own problem-detail advice
 * (through MVC's exception resolver), so a 401 or 403 looks like every other error.
 */
public final class ParleyResourceServer {

    private ParleyResourceServer() {
    }

    public static HttpSecurity apply(HttpSecurity http, HandlerExceptionResolver resolver) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ParleyJwtAuthenticationConverter()))
                        .authenticationEntryPoint((request, response, failure) ->
                                resolver.resolveException(request, response, null, failure))
                        .accessDeniedHandler((request, response, failure) ->
                                resolver.resolveException(request, response, null, failure)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, failure) ->
                                resolver.resolveException(request, response, null, failure))
                        .accessDeniedHandler((request, response, failure) ->
                                resolver.resolveException(request, response, null, failure)));
    }
}
