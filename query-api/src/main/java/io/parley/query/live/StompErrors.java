package io.parley.query.live;

import io.parley.kernel.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * The ERROR frame for a client frame that was refused on arrival ({@link StompRejection}) or could not be read,
 * in the same shape as every other ERROR frame of {@link StompFrames}.
 */
@Component
class StompErrors extends StompSubProtocolErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(StompErrors.class);

    private final StompFrames frames;
    private final LiveSessions sessions;

    StompErrors(StompFrames frames, LiveSessions sessions) {
        this.frames = frames;
        this.sessions = sessions;
    }

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        ErrorCode code = ErrorCode.INTERNAL_ERROR;
        String detail = "Something went wrong on our side.";
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof StompRejection rejection) {
                code = rejection.code();
                detail = rejection.getMessage();
                break;
            }
            if (cause instanceof StompConversionException || clientMessage == null) {
                // Spring passes no message when the frame could not be decoded (an unknown command, say).
                code = ErrorCode.MALFORMED_REQUEST;
                detail = "The frame could not be read as STOMP 1.2 within the frame size limit.";
                break;
            }
        }
        if (code == ErrorCode.INTERNAL_ERROR && outOfOrder(clientMessage)) {
            // Spring refuses a frame before CONNECT, and a second CONNECT, before Parley's guard sees them.
            code = ErrorCode.PROTOCOL_VIOLATION;
            detail = "Send one CONNECT with an access token, first.";
        }
        if (code == ErrorCode.INTERNAL_ERROR) {
            log.error("Client frame failed", ex);
        }
        return frames.error(null, code, detail, receiptOf(clientMessage));
    }

    /**
     * Spring's STOMP handler itself refuses a CONNECT on a connection that has one ("Session already exists"; Parley's
     * guard refuses every other CONNECT with a {@link StompRejection}) and a frame before CONNECT ("Unknown session").
     */
    private boolean outOfOrder(Message<byte[]> clientMessage) {
        StompHeaderAccessor accessor = StompHeaderAccessor.wrap(clientMessage);
        StompCommand command = accessor.getCommand();
        if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
            return true;
        }
        return command != null && (accessor.getSessionId() == null || sessions.get(accessor.getSessionId()) == null);
    }

    private static String receiptOf(Message<byte[]> clientMessage) {
        return clientMessage == null ? null : StompHeaderAccessor.wrap(clientMessage).getReceipt();
    }
}
