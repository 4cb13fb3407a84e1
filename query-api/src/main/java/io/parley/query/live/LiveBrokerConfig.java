package io.parley.query.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * What {@code @EnableWebSocketMessageBroker} imports (configured by {@link LiveConfig}), with Parley's WebSocket
 * handler in place of Spring's ({@link LiveWebSocketHandler}: ERROR frames and revocations are written before the
 * socket closes).
 */
@Configuration(proxyBeanMethods = false)
class LiveBrokerConfig extends DelegatingWebSocketMessageBrokerConfiguration {

    @Bean
    @Override
    public WebSocketHandler subProtocolWebSocketHandler(AbstractSubscribableChannel clientInboundChannel,
                                                        AbstractSubscribableChannel clientOutboundChannel) {
        SubProtocolWebSocketHandler defaults = (SubProtocolWebSocketHandler)
                super.subProtocolWebSocketHandler(clientInboundChannel, clientOutboundChannel);
        LiveWebSocketHandler handler = new LiveWebSocketHandler(clientInboundChannel, clientOutboundChannel);
        handler.setPhase(defaults.getPhase());
        return handler;
    }
}
