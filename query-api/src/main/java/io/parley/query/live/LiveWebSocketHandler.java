package io.parley.query.live;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP WebSocket handler with sessions that close only after the frames before the close are written
 * ({@link DrainingSession}), and one more outbound message: a close request ({@link #CLOSE_HEADER}), which arrives
 * through a session's ordered outbound after the frames sent before it, so e.g. {@code session.revoked} is written
 * before the socket closes.
 */
class LiveWebSocketHandler extends SubProtocolWebSocketHandler {

    /** Header of an outbound message asking to close its session, with the WebSocket close code. */
    static final String CLOSE_HEADER = "parley-close";
    private static final Logger log = LoggerFactory.getLogger(LiveWebSocketHandler.class);

    private final Map<String, DrainingSession> sessions = new ConcurrentHashMap<>();

    LiveWebSocketHandler(MessageChannel clientInboundChannel, SubscribableChannel clientOutboundChannel) {
        super(clientInboundChannel, clientOutboundChannel);
    }

    @Override
    protected WebSocketSession decorateSession(WebSocketSession session) {
        DrainingSession draining = new DrainingSession(session, getSendTimeLimit(), getSendBufferSizeLimit());
        sessions.put(session.getId(), draining);
        return draining;
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
        sessions.remove(session.getId());
        super.afterConnectionClosed(session, closeStatus);
    }

    @Override
    public void handleMessage(Message<?> message) throws MessagingException {
        Object close = message.getHeaders().get(CLOSE_HEADER);
        if (close == null) {
            super.handleMessage(message);
            return;
        }
        DrainingSession session = sessions.get(SimpMessageHeaderAccessor.getSessionId(message.getHeaders()));
        if (session == null) {
            return;
        }
        try {
            session.close((CloseStatus) close);
        } catch (IOException e) {
            log.debug("Closing session {} failed", session.getId(), e);
        }
    }
}
