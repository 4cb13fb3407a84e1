package io.parley.kernel.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

/**
 * Every service accepts only Parley's own access tokens. Spring Boot adds each {@code OAuth2TokenValidator<Jwt>}
 * bean to the resource server's auto-configured decoder, next to the signature and expiry checks.
 */
@AutoConfiguration
@ConditionalOnClass(JwtIssuerValidator.class)
public class ParleyTokenValidationAutoConfiguration {

    @Bean
    OAuth2TokenValidator<Jwt> parleyIssuerValidator() {
        return new JwtIssuerValidator(ParleyClaims.ISSUER);
    }
}
