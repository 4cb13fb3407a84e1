package io.parley.query.live;

import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageView;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the server frames of Parley's STOMP protocol (every body JSON with a {@code type}) and sends them to one
 * session through Spring's outbound channel: MESSAGE to one subscription, RECEIPT, ERROR (after which Spring's
 * STOMP handler closes the socket), and a request to close the socket after the frames before it.
 */
@Component
class StompFrames {

    private static final Log LOG = LogFactory.getLog(StompFrames.class);
    private static final byte[] EMPTY = new byte[0];

    private final ObjectProvider<MessageChannel> outboundProvider;
    private final JsonMapper json;
    /**
     * The body of each message change's frame, written once for every stream it goes to: the projection publishes one
     * change object to all of this instance's subscriptions of the conversation (a group's members, a user's
     * sockets), and serializing it again for each was most of the cost of a frame (weak keys compare by identity).
     */
    private final Cache<MessageChange, byte[]> changeBodies = Caffeine.newBuilder().weakKeys().maximumSize(10_000)
            .build();
    private volatile MessageChannel outbound;

    // The outbound channel is built by the broker configuration, which needs this package's beans first.
    StompFrames(@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> outbound, JsonMapper json) {
        this.outboundProvider = outbound;
        this.json = json;
    }

    /** A channel that hands one session's frames to the outbound channel one at a time, in order. */
    MessageChannel orderedOutbound() {
        return new OrderedMessageChannelDecorator(outbound(), LOG);
    }

    void message(LiveSession session, String subscriptionId, String destination, Object body) {
        message(session, subscriptionId, destination, body, null);
    }

    /**
     * A live update of a message created at {@code createdAt} (the event's time): {@link DeliveryLatency} measures
     * from then to the frame written. The header stays inside the server (it is not a STOMP header).
     */
    void message(LiveSession session, String subscriptionId, String destination, Object body, Instant createdAt) {
        message(session, subscriptionId, destination, json.writeValueAsBytes(body), createdAt);
    }

    /**
     * A live message change, published to every stream of its conversation, as a {@link MessageFrame}: its body is
     * written once for all of them. (A backlog page is read for one stream: its frames go through
     * {@link #message(LiveSession, String, String, Object)}, and keep the shared bodies in the cache.)
     */
    void change(LiveSession session, String subscriptionId, String destination, MessageChange change,
                Instant createdAt) {
        byte[] body = changeBodies.get(change, shared -> json.writeValueAsBytes(frameOf(shared)));
        message(session, subscriptionId, destination, body, createdAt);
    }

    private void message(LiveSession session, String subscriptionId, String destination, byte[] body,
                         Instant createdAt) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        if (createdAt != null) {
            headers.setHeader(DeliveryLatency.CREATED_AT, createdAt);
        }
        headers.setSessionId(session.id());
        headers.setSubscriptionId(subscriptionId);
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        session.outbound().send(MessageBuilder.createMessage(body, headers.getMessageHeaders()));
    }

    void receipt(LiveSession session, String receiptId) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.RECEIPT);
        headers.setReceiptId(receiptId);
        headers.setSessionId(session.id());
        headers.setLeaveMutable(true);
        session.outbound().send(MessageBuilder.createMessage(EMPTY, headers.getMessageHeaders()));
    }

    /**
     * Ends the session's subscriptions, then sends the ERROR in order after the frames already on their way; Spring
     * closes the socket after an ERROR, and {@link DrainingSession} holds that close back until the ERROR is written.
     */
    void error(LiveSession session, ErrorCode code, String detail) {
        session.close();
        session.outbound().send(error(session.id(), code, detail, null));
    }

    /** Closes the socket once every frame sent to the session before has been written. */
    void close(LiveSession session, CloseStatus status) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.OTHER);
        headers.setSessionId(session.id());
        headers.setHeader(LiveWebSocketHandler.CLOSE_HEADER, status);
        headers.setLeaveMutable(true);
        session.outbound().send(MessageBuilder.createMessage(EMPTY, headers.getMessageHeaders()));
    }

    /** For a session that has not connected (no {@link LiveSession} yet). */
    void error(String sessionId, ErrorCode code, String detail) {
        outbound().send(error(sessionId, code, detail, null));
    }

    /** An ERROR frame: header {@code message} is the code, the body {@code {type:"error", code, message}}. */
    Message<byte[]> error(String sessionId, ErrorCode code, String detail, String receiptId) {
        StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.ERROR);
        headers.setMessage(code.name());
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        if (sessionId != null) {
            headers.setSessionId(sessionId);
        }
        if (receiptId != null) {
            headers.setReceiptId(receiptId);
        }
        headers.setLeaveMutable(true);
        return MessageBuilder.createMessage(json.writeValueAsBytes(new ErrorFrame("error", code.name(), detail)),
                headers.getMessageHeaders());
    }

    private MessageChannel outbound() {
        MessageChannel channel = outbound;
        if (channel == null) {
            channel = outboundProvider.getObject();
            // Releases a session's next frame once the previous one has been written (idempotent).
            if (channel instanceof ExecutorSubscribableChannel) {
                OrderedMessageChannelDecorator.configureInterceptor(channel, true);
            }
            outbound = channel;
        }
        return channel;
    }

    static MessageFrame frameOf(MessageChange change) {
        return new MessageFrame(typeOf(change), change.message());
    }

    /** The {@code type} of a message change's frame (asyncapi: {@code messageChange}, {@code memberRemoved}). */
    static String typeOf(MessageChange change) {
        return switch (change.type()) {
            case CREATED -> "message.created";
            case EDITED -> "message.edited";
            case DELETED -> "message.deleted";
            case REACTION_ADDED -> "reaction.added";
            case REACTION_REMOVED -> "reaction.removed";
            case MEMBER_REMOVED -> "member.removed";
        };
    }

    record ErrorFrame(String type, String code, String message) {
    }

    record MessageFrame(String type, MessageView message) {
    }

    record MemberRemovedFrame(String type, String conversationId, String userId) {

        MemberRemovedFrame(String conversationId, String userId) {
            this("member.removed", conversationId, userId);
        }
    }

    record TypingFrame(String type, String conversationId, String userId, boolean typing) {

        TypingFrame(String conversationId, String userId, boolean typing) {
            this("typing", conversationId, userId, typing);
        }
    }
}
