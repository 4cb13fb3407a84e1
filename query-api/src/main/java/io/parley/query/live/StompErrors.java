package io.parley.query.live;

import io.parley.kernel.error.ErrorCode;
import org.springframework.messaging.Message;
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

    private final StompFrames frames;

    StompErrors(StompFrames frames) {
        this.frames = frames;
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
            if (cause instanceof StompConversionException) {
                code = ErrorCode.MALFORMED_REQUEST;
                detail = "The frame could not be read as STOMP 1.2 within the frame size limit.";
                break;
            }
        }
        return frames.error(null, code, detail, receiptOf(clientMessage));
    }

    private static String receiptOf(Message<byte[]> clientMessage) {
        return clientMessage == null ? null : StompHeaderAccessor.wrap(clientMessage).getReceipt();
    }
}
