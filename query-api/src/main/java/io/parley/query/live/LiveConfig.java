package io.parley.query.live;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP 1.2 over WebSocket at {@code /ws} (the message broker configuration itself is {@link LiveBrokerConfig}).
 * The simple broker answers CONNECT and keeps the heart-beats (both ways, on Spring's broker scheduler); Parley's
 * destinations are served by {@link InboundGuard} and the streams it starts, so no subscription reaches the broker. The HTTP upgrade itself is open (see SecurityConfig): browsers cannot send
 * an Authorization header there, so the token comes with CONNECT.
 */
@Configuration(proxyBeanMethods = false)
class LiveConfig implements WebSocketMessageBrokerConfigurer {

    static final String ENDPOINT = "/ws";
    private static final int SEND_BUFFER_LIMIT = 512 * 1024;
    private static final int SEND_TIME_LIMIT_MILLIS = 10_000;

    private final LiveProperties properties;
    private final InboundGuard guard;
    private final StompErrors errors;
    private final LiveSessions sessions;
    private final StompFrames frames;
    private final TaskScheduler scheduler;
    private final DeliveryLatency latency;

    LiveConfig(LiveProperties properties, InboundGuard guard, StompErrors errors, LiveSessions sessions,
               StompFrames frames, @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler,
               DeliveryLatency latency) {
        this.latency = latency;
        this.properties = properties;
        this.guard = guard;
        this.errors = errors;
        this.sessions = sessions;
        this.frames = frames;
        this.scheduler = scheduler;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint(ENDPOINT)
                .setAllowedOriginPatterns(properties.allowedOriginPatterns().toArray(String[]::new));
        registry.setErrorHandler(errors);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        long heartbeat = properties.heartbeat().toMillis();
        registry.setApplicationDestinationPrefixes("/app");
        registry.enableSimpleBroker("/queue")
                .setHeartbeatValue(new long[] {heartbeat, heartbeat})
                .setTaskScheduler(scheduler);
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        int limit = (int) properties.frameSizeLimit().toBytes();
        registration.setMessageSizeLimit(limit)
                .setSendBufferSizeLimit(SEND_BUFFER_LIMIT)
                .setSendTimeLimit(SEND_TIME_LIMIT_MILLIS)
                .addDecoratorFactory(handler -> new FrameSizeGuard(handler, limit, sessions, frames));
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(latency);
    }
}
