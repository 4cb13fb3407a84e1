package io.parley.notification;

import java.util.List;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The notification processor (declared as a tracking processor in application.yml), {@value #READ_MODELS}: the three
 * read models and the notifiers that read them, one stored token per batch for all. A notifier handles each event
 * after every event before it was applied to the read models, with nothing to wait for (docs/adr/0004); the
 * notifiers are {@code @DisallowReplay}, so a reset rebuilds the read models and notifies nobody again. A handler
 * failure (the broker is away, MongoDB is down) is not logged and skipped, as Axon does by default, but propagated:
 * the processor releases its token and retries the same events with back-off, so a notification is never lost. A
 * processor's first start treats the history before it as a replay (see {@link HistoryAsReplayTokenStore}); reading
 * the replay token back needs the kernel's serializer settings ({@code AxonSerializerAutoConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class NotificationProcessing {

    /** Account emails (welcome, password reset, password changed) and the account read model they need. */
    public static final String ACCOUNT_NOTIFICATIONS = "account-notifications";
    /** Read model: conversations, their members (role, muted, left, read marker) and an id-only message ledger. */
    public static final String CONVERSATION_READ_MODEL = "notification-conversations";
    /** Read model: the push device tokens of every user. */
    public static final String DEVICE_READ_MODEL = "notification-devices";
    /** Push notifiers (new message, added to a group); never replayed. */
    public static final String MESSAGE_NOTIFICATIONS = "message-notifications";

    /** The processor of every processing group above. */
    public static final String READ_MODELS = "notification-read-models";

    private static final List<String> GROUPS = List.of(ACCOUNT_NOTIFICATIONS, CONVERSATION_READ_MODEL,
            DEVICE_READ_MODEL, MESSAGE_NOTIFICATIONS);

    @Autowired
    void configure(EventProcessingConfigurer processing, ObjectProvider<TokenStore> tokenStore) {
        for (String group : GROUPS) {
            processing.registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance());
            processing.assignProcessingGroup(group, READ_MODELS);
        }
        processing.registerTokenStore(READ_MODELS,
                config -> new HistoryAsReplayTokenStore(tokenStore.getObject(), config.eventStore()));
    }
}
