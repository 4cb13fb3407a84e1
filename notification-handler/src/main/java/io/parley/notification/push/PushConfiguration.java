package io.parley.notification.push;

import com.google.firebase.FirebaseOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PushProperties.class)
class PushConfiguration {

    @Bean(destroyMethod = "close")
    Firebase firebase(PushProperties properties, ObjectProvider<FirebaseOptions> options) {
        return Firebase.of(properties, options.getIfAvailable(), System.getenv("GOOGLE_APPLICATION_CREDENTIALS"));
    }
}
