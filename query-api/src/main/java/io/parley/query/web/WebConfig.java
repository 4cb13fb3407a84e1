package io.parley.query.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final MinPositionInterceptor minPositionInterceptor;

    WebConfig(MinPositionInterceptor minPositionInterceptor) {
        this.minPositionInterceptor = minPositionInterceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(minPositionInterceptor);
    }
}
