package io.parley.notification;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The notification processors (declared as tracking processors in application.yml). A handler failure (the broker
 * is away, MongoDB is down) is not logged and skipped, as Axon does by default, but propagated: the processor
 * releases its token and retries the same events with back-off, so a notification is never lost. A processor's
 * first start treats the history before it as a replay (see {@link HistoryAsReplayTokenStore}); reading the
 * replay token back needs the kernel's serializer settings ({@code AxonSerializerAutoConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class NotificationProcessing {

    /** Account emails (welcome, password reset, password changed) and the account read model they need. */
    public static final String ACCOUNT_NOTIFICATIONS = "account-notifications";

    @Autowired
    void configure(EventProcessingConfigurer processing, ObjectProvider<TokenStore> tokenStore) {
        processing.registerListenerInvocationErrorHandler(ACCOUNT_NOTIFICATIONS, config -> PropagatingErrorHandler.instance());
        processing.registerTokenStore(ACCOUNT_NOTIFICATIONS,
                config -> new HistoryAsReplayTokenStore(tokenStore.getObject(), config.eventStore()));
    }
}
