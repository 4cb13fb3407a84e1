package io.parley.query.config;

import io.parley.kernel.security.ParleyClaims;
import io.parley.kernel.security.ParleyResourceServer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Every read needs a valid access token; admin reads need role ADMIN. Spring Boot adds every
 * {@code OAuth2TokenValidator<Jwt>} bean (issuer here, revoked sessions in the session feature) to the
 * auto-configured decoder, so production and tests verify tokens the same way.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http,
                                            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        ParleyResourceServer.apply(http, resolver)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    OAuth2TokenValidator<Jwt> parleyIssuerValidator() {
        return new JwtIssuerValidator(ParleyClaims.ISSUER);
    }
}
