package io.parley.command.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.parley.kernel.security.ParleyClaims;
import io.parley.kernel.security.ParleyResourceServer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.axonframework.common.AxonThreadFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** command-api issues the tokens and is a resource server of its own tokens, with the same public key. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    // Tokens whose signature held, remembered for CachingJwtDecoder: more than the users active within its 5 minutes.
    private static final long VERIFIED_TOKENS = 10_000;

    /** Password resets start off the request thread (AuthService); bounded, as the requests are public. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService passwordResetExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000),
                new AxonThreadFactory("password-reset"));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http,
                                            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        return ParleyResourceServer.apply(http, resolver)
                .authorizeHttpRequests(requests -> requests
                        // Any method, so a wrong one is answered 405 rather than 401.
                        .requestMatchers("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
                                "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm").permitAll()
                        .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    SigningKeys signingKeys(SecurityProperties properties, @Value("${parley.data-dir:./data}") Path dataDir,
                            ResourceLoader resources) {
        return SigningKeys.load(properties.jwt(), dataDir, resources);
    }

    @Bean
    AccessTokens accessTokens(SigningKeys keys, SecurityProperties properties, Clock clock) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.rsaKey())));
        return new AccessTokens(encoder, keys.keyId(), properties.jwt().accessTokenTtl(), clock);
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, SessionStore sessions) {
        NimbusJwtDecoder signatureAndClaims = NimbusJwtDecoder.withPublicKey(keys.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        signatureAndClaims.setJwtValidator(token -> OAuth2TokenValidatorResult.success());
        return new CachingJwtDecoder(signatureAndClaims, new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ParleyClaims.ISSUER),
                new SessionActiveValidator(sessions)), VERIFIED_TOKENS, Duration.ofMinutes(5));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new PrehashingPasswordEncoder();
    }
}
