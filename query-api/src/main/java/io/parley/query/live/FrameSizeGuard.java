package io.parley.query.live;

import io.parley.kernel.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Refuses a WebSocket message over the frame size limit with an ERROR frame ({@code PAYLOAD_TOO_LARGE}) before the
 * STOMP decoder sees it. The container buffers up to {@value #BUFFER_FACTOR} times the limit per message, so such a
 * message reaches this check rather than being cut off by the container (which would close the socket without an ERROR
 * frame). Tomcat keeps buffers of those sizes for the whole life of every connection (the text one two bytes a
 * character), so the limit and the factor are what an idle socket costs: keep both small.
 */
class FrameSizeGuard extends WebSocketHandlerDecorator {

    static final int BUFFER_FACTOR = 2;

    private static final Logger log = LoggerFactory.getLogger(FrameSizeGuard.class);

    private final int limit;
    private final LiveSessions sessions;
    private final StompFrames frames;

    FrameSizeGuard(WebSocketHandler delegate, int limit, LiveSessions sessions, StompFrames frames) {
        super(delegate);
        this.limit = limit;
        this.sessions = sessions;
        this.frames = frames;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        int buffer = limit * BUFFER_FACTOR;
        if (session.getTextMessageSizeLimit() < buffer) {
            session.setTextMessageSizeLimit(buffer);
        }
        if (session.getBinaryMessageSizeLimit() < buffer) {
            session.setBinaryMessageSizeLimit(buffer);
        }
        super.afterConnectionEstablished(session);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        if (message.getPayloadLength() <= limit) {
            super.handleMessage(session, message);
            return;
        }
        log.info("Session {} sent a frame of {} bytes (limit {})", session.getId(), message.getPayloadLength(), limit);
        String detail = "A frame may have at most " + limit + " bytes.";
        LiveSession live = sessions.get(session.getId());
        if (live != null) {
            frames.error(live, ErrorCode.PAYLOAD_TOO_LARGE, detail);
        } else {
            frames.error(session.getId(), ErrorCode.PAYLOAD_TOO_LARGE, detail);
        }
    }
}
