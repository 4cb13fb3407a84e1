package io.parley.notification;

import java.util.List;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The notification processors (declared as tracking processors in application.yml): the read models together in
 * one, {@value #READ_MODELS} (one stored token per batch for all three), and the push notifiers, which wait for it,
 * in another. A handler failure (the broker
 * is away, MongoDB is down, a read model is behind) is not logged and skipped, as Axon does by default, but
 * propagated: the processor releases its token and retries the same events with back-off, so a notification is
 * never lost. A processor's first start treats the history before it as a replay (see
 * {@link HistoryAsReplayTokenStore}); reading the replay token back needs the kernel's serializer settings
 * ({@code AxonSerializerAutoConfiguration}).
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

    /** The processor of the account emails and the three read models; the message notifiers wait for it. */
    public static final String READ_MODELS = "notification-read-models";

    /** The processors whose read models the message notifiers read. */
    public static final List<String> RECIPIENT_READ_MODELS = List.of(READ_MODELS);

    private static final List<String> GROUPS = List.of(ACCOUNT_NOTIFICATIONS, CONVERSATION_READ_MODEL,
            DEVICE_READ_MODEL, MESSAGE_NOTIFICATIONS);

    @Autowired
    void configure(EventProcessingConfigurer processing, ObjectProvider<TokenStore> tokenStore) {
        for (String group : GROUPS) {
            processing.registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance());
            processing.assignProcessingGroup(group, MESSAGE_NOTIFICATIONS.equals(group) ? group : READ_MODELS);
        }
        for (String processor : List.of(READ_MODELS, MESSAGE_NOTIFICATIONS)) {
            processing.registerTokenStore(processor,
                    config -> new HistoryAsReplayTokenStore(tokenStore.getObject(), config.eventStore()));
        }
    }
}
