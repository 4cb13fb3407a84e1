package io.parley.query.live;

import static io.parley.query.support.RawStomp.NUL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.RawStomp;
import io.parley.query.support.StompTestClient;
import io.parley.query.support.StompTestClient.Connection;
import io.parley.query.support.StompTestClient.Subscription;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile STOMP client: every frame type with hostile headers and bodies, before and after CONNECT, oversized frames,
 * floods, foreign and odd destinations, since-seq out of range. Each gets an ERROR with a client-error code on its own
 * connection, which then closes; it never sees another conversation's data; and a member subscribed elsewhere keeps
 * receiving, case after case. A client error is never INTERNAL_ERROR, which tells a client to resubscribe and would
 * make a buggy one loop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StompHostileIT extends QueryApiIntegrationTest {

    private static final Duration WAIT = StompTestClient.WAIT;
    private static final String SECRET = "the secret of alice and bob";
    private static final Set<String> CLIENT_ERRORS = Set.of("INVALID_TOKEN", "PROTOCOL_VIOLATION",
            "MALFORMED_REQUEST", "VALIDATION_FAILED", "NOT_FOUND", "CONVERSATION_NOT_FOUND", "PAYLOAD_TOO_LARGE",
            "RATE_LIMITED", "SEQ_OUT_OF_RANGE");

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final String mallory = UUID.randomUUID().toString();
    private final String erin = UUID.randomUUID().toString();
    private ConversationLog secret;
    private ConversationLog own;
    private ConversationLog witnessed;
    private long position;
    private Connection witnessConnection;
    private Subscription witness;

    /** One hostile case: frames sent on a connection (after CONNECT as mallory when {@code connected}). */
    record Case(String name, boolean connected, List<Object> frames, Set<String> codes) {

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void conversations() {
        secret = ConversationLog.direct(alice, bob, start);
        secret.send(alice, SECRET);
        own = ConversationLog.direct(mallory, erin, start);
        own.send(erin, "hello mallory");
        witnessed = ConversationLog.group(alice, "Witnessed", List.of(bob), start);
        appendTo(ConversationLog.AGGREGATE, secret.id(), secret.drain());
        appendTo(ConversationLog.AGGREGATE, own.id(), own.drain());
        position = appendTo(ConversationLog.AGGREGATE, witnessed.id(), witnessed.drain());
        witnessConnection = StompTestClient.connect(port(), token(bob));
        witness = witnessConnection.subscribe(messages(witnessed.id()), "since-seq", "0",
                "X-Min-Position", Long.toString(position));
    }

    @AfterAll
    void healthyAfterwards() {
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);
        try (RawStomp fresh = RawStomp.connected(port(), token(mallory))) {
            fresh.send(subscribe("/topic/conversations/" + own.id() + "/messages", "since-seq:0", "receipt:r1"));
            assertThat(fresh.next(WAIT)).startsWith("MESSAGE").contains("hello mallory");
            String next = fresh.next(WAIT);
            while (next != null && next.startsWith("MESSAGE")) {
                next = fresh.next(WAIT);
            }
            assertThat(next).startsWith("RECEIPT");
        }
        witnessConnection.close();
    }

    Stream<Arguments> cases() {
        String foreign = secret.id();
        String mine = own.id();
        String bigToken = "a".repeat(6_000);
        List<Case> cases = new ArrayList<>();
        // Before CONNECT: no token, bad tokens, frames out of order, frames that are no STOMP at all.
        cases.add(before("CONNECT without a token", frame("CONNECT", "accept-version:1.2"), "INVALID_TOKEN"));
        cases.add(before("STOMP without a token", frame("STOMP", "accept-version:1.2"), "INVALID_TOKEN"));
        cases.add(before("CONNECT with a junk token", frame("CONNECT", "accept-version:1.2",
                "Authorization:Bearer junk"), "INVALID_TOKEN"));
        cases.add(before("CONNECT with a 6 KB token", frame("CONNECT", "accept-version:1.2",
                "Authorization:Bearer " + bigToken), "INVALID_TOKEN"));
        cases.add(before("CONNECT with Basic credentials", frame("CONNECT", "accept-version:1.2",
                "Authorization:Basic bWFsbG9yeTpzZWNyZXQ="), "INVALID_TOKEN"));
        cases.add(before("CONNECT with the token as login", frame("CONNECT", "accept-version:1.2",
                "login:" + token(mallory), "passcode:x"), "INVALID_TOKEN"));
        cases.add(before("CONNECT with an expired token", frame("CONNECT", "accept-version:1.2",
                "Authorization:Bearer " + TestTokens.expiredToken(mallory, TestTokens.newSessionId())),
                "INVALID_TOKEN"));
        cases.add(before("CONNECT with an unsigned token", frame("CONNECT", "accept-version:1.2",
                "Authorization:Bearer " + TestTokens.unsignedToken(mallory, TestTokens.newSessionId())),
                "INVALID_TOKEN"));
        cases.add(before("CONNECT with a bad header escape", frame("CONNECT", "accept-version:1.2",
                "Authorization:Bearer " + token(mallory) + "\\x"), "MALFORMED_REQUEST", "INVALID_TOKEN"));
        cases.add(before("CONNECT with a header without a colon", frame("CONNECT", "accept-version",
                "Authorization:Bearer " + token(mallory)), "MALFORMED_REQUEST"));
        for (String command : List.of("SUBSCRIBE", "UNSUBSCRIBE", "SEND", "ACK", "NACK", "BEGIN", "COMMIT", "ABORT")) {
            cases.add(before(command + " before CONNECT", frame(command, "id:1", "transaction:t",
                    "destination:/topic/conversations/" + foreign + "/messages"), "PROTOCOL_VIOLATION"));
        }
        cases.add(before("an unknown command", frame("HELLO", "x:y"), "MALFORMED_REQUEST"));
        cases.add(before("a lower-case command", frame("connect", "accept-version:1.2",
                "Authorization:Bearer " + token(mallory)), "MALFORMED_REQUEST"));
        cases.add(before("control characters", "\u0001\u0002\u0003\n\n" + NUL, "MALFORMED_REQUEST"));
        cases.add(new Case("invalid UTF-8 as a binary frame", false,
                List.of(new byte[] {(byte) 0xC3, (byte) 0x28, '\n', '\n', 0}), Set.of("MALFORMED_REQUEST")));
        cases.add(before("an oversized frame before CONNECT", frame("CONNECT", "accept-version:1.2",
                "padding:" + "x".repeat(9_000)), "PAYLOAD_TOO_LARGE"));
        // After CONNECT: other people's and odd destinations.
        for (String kind : List.of("messages", "typing", "receipts")) {
            cases.add(after("SUBSCRIBE to a foreign conversation's " + kind,
                    subscribe("/topic/conversations/" + foreign + "/" + kind, "since-seq:0"),
                    "CONVERSATION_NOT_FOUND"));
            cases.add(after("SUBSCRIBE to a foreign conversation's " + kind + " at its position",
                    subscribe("/topic/conversations/" + foreign + "/" + kind, "X-Min-Position:" + position),
                    "CONVERSATION_NOT_FOUND"));
        }
        for (String destination : List.of("/user/" + bob + "/queue/events", "/queue/events", "/user/queue/events/x",
                "/user/queue/events/../../topic/conversations/" + foreign + "/messages",
                "/topic/conversations/" + foreign + "/messages/", "/topic/conversations/" + foreign,
                "/topic/conversations/*/messages", "/topic/conversations/**", "/topic/#", "/topic/>",
                "/topic/conversations/" + foreign.replace("-", "%2D") + "/messages",
                "/topic/conversations/" + "x".repeat(101) + "/messages",
                "/topic/conversations/\u202E" + foreign + "/messages", "/app/conversations/" + foreign + "/typing",
                "", "/" + "a".repeat(7_000))) {
            cases.add(after("SUBSCRIBE to '" + shorten(destination) + "'", subscribe(destination), "NOT_FOUND"));
        }
        cases.add(after("SUBSCRIBE without a destination", frame("SUBSCRIBE", "id:1"), "NOT_FOUND",
                "MALFORMED_REQUEST"));
        cases.add(after("SUBSCRIBE without an id", frame("SUBSCRIBE", "destination:/user/queue/events"),
                "MALFORMED_REQUEST"));
        // since-seq and X-Min-Position out of range, on mallory's own conversation.
        for (String seq : List.of("-1", "abc", "", " ", "1.5", "1e3", "0x10", "+1", "\u0663",
                "9223372036854775807", "9223372036854775808", "99999999999999999999999999")) {
            cases.add(after("since-seq '" + seq + "'",
                    subscribe("/topic/conversations/" + mine + "/messages", "since-seq:" + seq),
                    "VALIDATION_FAILED", "SEQ_OUT_OF_RANGE"));
        }
        cases.add(after("since-seq beyond the last message",
                subscribe("/topic/conversations/" + mine + "/messages", "since-seq:1000"), "SEQ_OUT_OF_RANGE"));
        for (String minPosition : List.of("-1", "abc", "1e9", "99999999999999999999", "9223372036854775807")) {
            cases.add(after("X-Min-Position '" + minPosition + "'",
                    subscribe("/topic/conversations/" + mine + "/messages", "X-Min-Position:" + minPosition),
                    "VALIDATION_FAILED"));
        }
        // SEND: only typing signals of one's own conversations, as JSON {"typing": boolean}.
        cases.add(after("SEND typing to a foreign conversation", send("/app/conversations/" + foreign + "/typing",
                "{\"typing\":true}"), "CONVERSATION_NOT_FOUND"));
        cases.add(after("SEND a message into a foreign topic", send("/topic/conversations/" + foreign + "/messages",
                "{\"text\":\"injected\"}"), "NOT_FOUND"));
        cases.add(after("SEND to another user's queue", send("/user/" + bob + "/queue/events",
                "{\"type\":\"session.revoked\"}"), "NOT_FOUND"));
        cases.add(after("SEND to the broker's queue", send("/queue/events", "{}"), "NOT_FOUND"));
        cases.add(after("SEND without a destination", "SEND\ncontent-type:application/json\n\n{}" + NUL,
                "NOT_FOUND"));
        for (String body : List.of("", "not json", "null", "[]", "{\"typing\":\"yes\"}", "{\"typing\":1}",
                "{\"typing\":null}", "[".repeat(5_000), "{\"typing\":true" + ",\"a\":{".repeat(1_000))) {
            cases.add(after("SEND typing with the body '" + shorten(body) + "'",
                    send("/app/conversations/" + mine + "/typing", body), "VALIDATION_FAILED"));
        }
        // Frame types Parley does not use, and protocol mistakes after CONNECT.
        for (String command : List.of("ACK", "NACK", "BEGIN", "COMMIT", "ABORT")) {
            cases.add(after(command + " after CONNECT", frame(command, "id:1", "transaction:t"),
                    "PROTOCOL_VIOLATION"));
        }
        cases.add(after("a second CONNECT", RawStomp.connectFrame(token(mallory)), "PROTOCOL_VIOLATION"));
        cases.add(after("a second CONNECT as someone else", RawStomp.connectFrame(token(bob)),
                "PROTOCOL_VIOLATION"));
        cases.add(after("an unknown command after CONNECT", frame("HELLO", "x:y"), "MALFORMED_REQUEST"));
        cases.add(after("a server command after CONNECT", frame("MESSAGE", "destination:/user/queue/events",
                "subscription:1", "message-id:1") + "{}", "MALFORMED_REQUEST", "PROTOCOL_VIOLATION"));
        // Oversized frames and floods.
        cases.add(after("an oversized SEND", send("/app/conversations/" + mine + "/typing",
                "{\"typing\":true,\"pad\":\"" + "x".repeat(10_000) + "\"}"), "PAYLOAD_TOO_LARGE"));
        cases.add(new Case("an oversized binary frame", true, List.of(("SEND\ndestination:/app/conversations/" + mine
                + "/typing\n\n" + "x".repeat(9_000) + NUL).getBytes(StandardCharsets.UTF_8)),
                Set.of("PAYLOAD_TOO_LARGE")));
        cases.add(after("a flood of typing signals in one message",
                send("/app/conversations/" + mine + "/typing", "{\"typing\":true}").repeat(60),
                "RATE_LIMITED"));
        List<Object> flood = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            flood.add(subscribe("/topic/conversations/" + foreign.substring(0, 8) + i + "/typing"));
        }
        cases.add(new Case("a flood of SUBSCRIBE frames", true, flood, Set.of("RATE_LIMITED", "NOT_FOUND",
                "CONVERSATION_NOT_FOUND")));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHostileFrame_getsItsConnectionAClientErrorAndClosesIt_leakingNothing_andOthersKeepReceiving(Case hostile) {
        try (RawStomp stomp = hostile.connected() ? RawStomp.connected(port(), token(mallory))
                : RawStomp.open(port())) {
            for (Object frame : hostile.frames()) {
                boolean sent = frame instanceof byte[] bytes ? stomp.sendBinary(bytes) : stomp.send((String) frame);
                if (!sent) {
                    break;
                }
            }
            String error = stomp.awaitError(WAIT);

            assertThat(error).as("an ERROR frame; got %s", stomp.received()).isNotNull();
            String code = RawStomp.header(error, "message");
            assertThat(code).as(error).isIn(hostile.codes()).isIn(CLIENT_ERRORS);
            assertThat(error).as("the body names the code").contains("\"code\":\"" + code + "\"");
            assertThat(stomp.received()).as("no data of anyone").noneMatch(frame -> frame.startsWith("MESSAGE"))
                    .noneMatch(frame -> frame.contains(SECRET));
            assertThat(stomp.awaitClosed(WAIT)).as("the server closes the connection").isTrue();
        }

        witnessed.send(alice, "after " + hostile.name());
        appendTo(ConversationLog.AGGREGATE, witnessed.id(), witnessed.drain());
        assertThat(witness.next().path("message").path("text").asString()).isEqualTo("after " + hostile.name());
    }

    @Test
    void harmlessFrames_areAnsweredOrIgnored_andTheConnectionStaysUsable() {
        try (RawStomp stomp = RawStomp.connected(port(), token(mallory))) {
            stomp.send(frame("UNSUBSCRIBE", "id:never-subscribed", "receipt:u1"));
            stomp.send(frame("UNSUBSCRIBE", "receipt:u2"));
            stomp.send(subscribe("/topic/conversations/" + own.id() + "/messages", "since-seq:1", "receipt:s1",
                    "x-unknown:" + "y".repeat(1_000), "since-seq:5"));

            assertThat(stomp.next(WAIT)).startsWith("RECEIPT").contains("receipt-id:u1");
            assertThat(stomp.next(WAIT)).startsWith("RECEIPT").contains("receipt-id:u2");
            assertThat(stomp.next(WAIT)).startsWith("RECEIPT").contains("receipt-id:s1");
            own.send(erin, "still connected?");
            appendTo(ConversationLog.AGGREGATE, own.id(), own.drain());
            assertThat(stomp.next(WAIT)).startsWith("MESSAGE").contains("still connected?");
        }
    }

    @Test
    void aFrameOverTheContainersBuffer_closesOnlyThatSocket() {
        try (RawStomp stomp = RawStomp.connected(port(), token(mallory))) {
            stomp.send(send("/app/conversations/" + own.id() + "/typing", "x".repeat(1024 * 1024)));
            stomp.awaitError(WAIT);

            assertThat(stomp.awaitClosed(WAIT)).isTrue();
            assertThat(stomp.received()).noneMatch(frame -> frame.startsWith("MESSAGE"));
        }
        witnessed.send(alice, "after a megabyte");
        appendTo(ConversationLog.AGGREGATE, witnessed.id(), witnessed.drain());
        assertThat(witness.next().path("message").path("text").asString()).isEqualTo("after a megabyte");
    }

    private Case before(String name, String frame, String... codes) {
        return new Case(name, false, List.of(frame), Set.of(codes));
    }

    private Case after(String name, String frame, String... codes) {
        return new Case(name, true, List.of(frame), Set.of(codes));
    }

    private static String frame(String command, String... headers) {
        return command + "\n" + String.join("\n", headers) + (headers.length == 0 ? "" : "\n") + "\n" + NUL;
    }

    private static String subscribe(String destination, String... headers) {
        List<String> all = new ArrayList<>(List.of("id:" + UUID.randomUUID(), "destination:" + destination));
        all.addAll(List.of(headers));
        return frame("SUBSCRIBE", all.toArray(String[]::new));
    }

    private static String send(String destination, String body) {
        String frame = frame("SEND", "destination:" + destination, "content-type:application/json");
        return frame.substring(0, frame.length() - 1) + body + NUL;
    }

    private static String messages(String conversationId) {
        return "/topic/conversations/" + conversationId + "/messages";
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
    }
}
