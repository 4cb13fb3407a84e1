package io.parley.query.config;

import io.parley.kernel.security.ParleyResourceServer;
import io.parley.kernel.web.ProblemErrorController;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Every read needs a valid access token; admin reads need role ADMIN. Spring Boot adds every
 * {@code OAuth2TokenValidator<Jwt>} bean (the kernel's issuer check, revoked sessions in the session feature) to
 * the auto-configured decoder, so production and tests verify tokens the same way.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemErrorController.class)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http,
                                            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        ParleyResourceServer.apply(http, resolver)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        // The WebSocket upgrade; the access token is checked at STOMP CONNECT (io.parley.query.live).
                        .requestMatchers("/ws").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated());
        return http.build();
    }
}
