package io.parley.query.live;

import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.security.ParleyClaims;
import io.parley.kernel.security.ParleyJwtAuthenticationConverter;
import io.parley.query.web.ReadYourWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every client frame passes here first, on the thread that read it, so one session's frames are seen in order.
 * CONNECT must carry a valid access token (the same decoder as the REST side: signature, expiry, issuer, revoked
 * sessions); every later frame counts against the session's rate limit; SUBSCRIBE, UNSUBSCRIBE and SEND to Parley's
 * destinations are handled here and go no further. A refused CONNECT is thrown as {@link StompRejection}, which
 * Spring's STOMP handler answers with an ERROR frame before closing the socket; a refusal after CONNECT is sent as
 * an ERROR frame behind the frames already queued for that session, and the session's later frames are ignored.
 */
@Component
class InboundGuard implements ChannelInterceptor {

    static final String SINCE_SEQ = "since-seq";
    static final long MAX_SEQ = 9_007_199_254_740_991L;
    private static final Logger log = LoggerFactory.getLogger(InboundGuard.class);
    private static final ParleyJwtAuthenticationConverter AUTHENTICATION = new ParleyJwtAuthenticationConverter();

    private final JwtDecoder decoder;
    private final LiveSessions sessions;
    private final MessageStreams streams;
    private final TypingSignals typingSignals;
    private final Pushes pushes;
    private final StompFrames frames;
    private final JsonMapper json;

    InboundGuard(JwtDecoder decoder, LiveSessions sessions, MessageStreams streams, TypingSignals typingSignals,
                 Pushes pushes, StompFrames frames, JsonMapper json) {
        this.decoder = decoder;
        this.sessions = sessions;
        this.streams = streams;
        this.typingSignals = typingSignals;
        this.pushes = pushes;
        this.frames = frames;
        this.json = json;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message;
        }
        StompCommand command = accessor.getCommand();
        if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
            connect(accessor);
            return message;
        }
        if (command == StompCommand.DISCONNECT) {
            sessions.close(accessor.getSessionId());
            return message;
        }
        LiveSession session = sessions.get(accessor.getSessionId());
        if (session == null) {
            throw new StompRejection(ErrorCode.PROTOCOL_VIOLATION, "Send CONNECT with an access token first.");
        }
        if (session.isClosed()) {
            return null;
        }
        try {
            if (!session.frames().tryAcquire()) {
                throw new StompRejection(ErrorCode.RATE_LIMITED, "Too many frames per second on this connection.");
            }
            return switch (command) {
                case SUBSCRIBE -> subscribe(session, accessor);
                case UNSUBSCRIBE -> unsubscribe(session, accessor);
                case SEND -> send(session, accessor, message);
                default -> throw new StompRejection(ErrorCode.PROTOCOL_VIOLATION, "Parley's clients send CONNECT, "
                        + "SUBSCRIBE, UNSUBSCRIBE, SEND and DISCONNECT only; " + command + " is not one of them.");
            };
        } catch (StompRejection rejection) {
            log.debug("Session {} of user {} refused: {}", session.id(), session.userId(), rejection.code());
            frames.error(session, rejection.code(), rejection.getMessage());
            return null;
        }
    }

    private void connect(StompHeaderAccessor accessor) {
        String authorization = accessor.getFirstNativeHeader("Authorization");
        if (authorization == null) {
            authorization = accessor.getFirstNativeHeader("authorization");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new StompRejection(ErrorCode.INVALID_TOKEN, "An access token is required.");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(authorization.substring(7).strip());
        } catch (JwtException e) {
            log.debug("CONNECT of session {} refused: {}", accessor.getSessionId(), e.getMessage());
            throw new StompRejection(ErrorCode.INVALID_TOKEN, "The access token is invalid, expired or revoked.");
        }
        AbstractAuthenticationToken user = AUTHENTICATION.convert(jwt);
        accessor.setUser(user);
        sessions.open(accessor.getSessionId(), user.getName(), jwt.getClaimAsString(ParleyClaims.SESSION_ID));
    }

    private Message<?> subscribe(LiveSession session, StompHeaderAccessor accessor) {
        String subscriptionId = accessor.getSubscriptionId();
        String destination = accessor.getDestination();
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw new StompRejection(ErrorCode.MALFORMED_REQUEST, "SUBSCRIBE needs an id header.");
        }
        Destinations.Target target = Destinations.subscription(destination);
        if (target == null) {
            throw new StompRejection(ErrorCode.NOT_FOUND, "No destination " + destination + ".");
        }
        String minPosition = accessor.getFirstNativeHeader(ReadYourWrites.HEADER);
        String receipt = accessor.getReceipt();
        switch (target.kind()) {
            case MESSAGES -> {
                MessageStream stream = new MessageStream(session, subscriptionId, destination, target.conversationId(),
                        sinceSeq(accessor.getFirstNativeHeader(SINCE_SEQ)), frames);
                session.add(stream);
                streams.start(stream, minPosition, receipt);
            }
            case TYPING, RECEIPTS, USER_EVENTS -> {
                PushSubscription subscription = pushes.subscription(session, subscriptionId, destination, target);
                session.add(subscription);
                pushes.start(subscription, minPosition, receipt);
            }
        }
        return null;
    }

    private Message<?> unsubscribe(LiveSession session, StompHeaderAccessor accessor) {
        LiveSubscription subscription = accessor.getSubscriptionId() == null ? null
                : session.remove(accessor.getSubscriptionId());
        if (subscription != null) {
            subscription.cancel();
        }
        if (accessor.getReceipt() != null) {
            frames.receipt(session, accessor.getReceipt());
        }
        return null;
    }

    private Message<?> send(LiveSession session, StompHeaderAccessor accessor, Message<?> message) {
        String conversationId = Destinations.typingConversation(accessor.getDestination());
        if (conversationId == null) {
            throw new StompRejection(ErrorCode.NOT_FOUND, "No destination " + accessor.getDestination() + ".");
        }
        if (!session.typing().tryAcquire()) {
            throw new StompRejection(ErrorCode.RATE_LIMITED, "Too many typing signals per second.");
        }
        typingSignals.send(session, conversationId, typing(message.getPayload()));
        if (accessor.getReceipt() != null) {
            frames.receipt(session, accessor.getReceipt());
        }
        return null;
    }

    private boolean typing(Object payload) {
        JsonNode body;
        try {
            body = payload instanceof byte[] bytes ? json.readTree(bytes) : null;
        } catch (JacksonException e) {
            body = null;
        }
        if (body == null || !body.path("typing").isBoolean()) {
            throw new StompRejection(ErrorCode.VALIDATION_FAILED, "The body must be JSON {\"typing\": true|false}.");
        }
        return body.path("typing").booleanValue();
    }

    private static long sinceSeq(String header) {
        if (header == null) {
            return 0;
        }
        String value = header.strip();
        // ASCII digits only (Long.parseLong also takes a sign and other scripts' digits), at most what a JavaScript
        // client holds exactly.
        if (!value.isEmpty() && value.length() <= 16 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long seq = Long.parseLong(value);
            if (seq <= MAX_SEQ) {
                return seq;
            }
        }
        throw new StompRejection(ErrorCode.VALIDATION_FAILED, "Header since-seq must be a whole number from 0 to "
                + MAX_SEQ + ".");
    }}
