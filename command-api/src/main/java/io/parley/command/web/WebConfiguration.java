package io.parley.command.web;

import java.time.Duration;

import io.parley.kernel.web.ProblemErrorController;
import jakarta.servlet.Filter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

@Configuration(proxyBeanMethods = false)
@Import(ProblemErrorController.class)
class WebConfiguration implements WebMvcConfigurer {

    private final RateLimits rateLimits;

    WebConfiguration(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RateLimitInterceptor(rateLimits)).addPathPatterns("/api/**");
    }

    /** Outermost, so a request that found no database connection anywhere (the token's session check too) gets 503. */
    @Bean
    FilterRegistrationBean<Overload> overloadFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        FilterRegistrationBean<Overload> registration = new FilterRegistrationBean<>(new Overload(resolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /** Each request records the positions its commands append, for {@code X-Position} ({@link EventPositions}). */
    @Bean
    FilterRegistrationBean<Filter> appendedPositionsFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(EventPositions.scopePerRequest());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Ahead of Spring Security, so an oversized body is refused before anything reads it. */
    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Value("${parley.max-request-size:1MB}") DataSize maxRequestSize,
            @Value("${parley.request-body-timeout:30s}") Duration bodyTime,
            @Value("${parley.attachments.max-size}") DataSize maxAttachmentSize,
            @Value("${parley.attachments.upload-timeout}") Duration uploadTime,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(maxRequestSize.toBytes(), bodyTime, maxAttachmentSize.toBytes(), uploadTime,
                        resolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> abandonedBodies() {
        return factory -> factory.addEngineValves(new AbandonedBodies());
    }

    /** Next to the size limit: a body that is not JSON is 415 before anything reads it. */
    @Bean
    FilterRegistrationBean<JsonOnlyFilter> jsonOnlyFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        FilterRegistrationBean<JsonOnlyFilter> registration = new FilterRegistrationBean<>(new JsonOnlyFilter(resolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return registration;
    }

    /**
     * Strict JSON types: a string is a JSON string, a number an integer where the field is one, a boolean
     * true or false. Jackson would otherwise read {@code true} as "true", {@code 1.5} as 1 and {@code -1} as true.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonTypes() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
