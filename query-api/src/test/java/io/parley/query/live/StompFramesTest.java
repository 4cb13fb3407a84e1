package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageChangeType;
import io.parley.kernel.message.MessageView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StompFramesTest {

    private static final Instant SENT = Instant.parse("2026-12-08T02:00:00Z");
    private static final LiveProperties LIMITS = new LiveProperties(DataSize.ofKilobytes(8),
            Duration.ofSeconds(10), 100, 20, 40, 5, 5, 200, 10_000, List.of("*"));

    private final List<Message<?>> sent = new ArrayList<>();
    private final MessageChannel outbound = (message, timeout) -> sent.add(message);
    private final JsonMapper json = JsonMapper.builder().build();
    private final StompFrames frames = new StompFrames(new StaticListableBeanFactory(
            Map.of("clientOutboundChannel", outbound)).getBeanProvider(MessageChannel.class), json);

    @Test
    void aChangeGoingToSeveralStreams_isWrittenOnce_andEachFrameNamesItsOwnSessionAndSubscription() {
        MessageChange created = change(MessageChangeType.CREATED, "hello");

        frames.change(session("ann"), "sub-a", "/topic/conversations/c1", created, SENT);
        frames.change(session("bob"), "sub-b", "/topic/conversations/c1", created, SENT);

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getPayload()).isSameAs(sent.get(0).getPayload());
        assertThat(headers(0).getSessionId()).isEqualTo("ann");
        assertThat(headers(0).getSubscriptionId()).isEqualTo("sub-a");
        assertThat(headers(1).getSessionId()).isEqualTo("bob");
        assertThat(headers(1).getSubscriptionId()).isEqualTo("sub-b");
        JsonNode body = json.readTree((byte[]) sent.get(0).getPayload());
        assertThat(body.get("type").asString()).isEqualTo("message.created");
        assertThat(body.get("message").get("text").asString()).isEqualTo("hello");
        assertThat(body.get("message").get("seq").asLong()).isEqualTo(7);
    }

    @Test
    void anotherChange_ofTheSameMessage_getsItsOwnBody() {
        frames.change(session("ann"), "sub-a", "/topic/conversations/c1", change(MessageChangeType.CREATED, "hello"),
                SENT);
        frames.change(session("ann"), "sub-a", "/topic/conversations/c1", change(MessageChangeType.EDITED, "hullo"),
                null);

        JsonNode edited = json.readTree((byte[]) sent.get(1).getPayload());
        assertThat(edited.get("type").asString()).isEqualTo("message.edited");
        assertThat(edited.get("message").get("text").asString()).isEqualTo("hullo");
    }

    @Test
    void aBacklogFrame_hasTheBodyOfTheSameChangeLive() {
        MessageChange created = change(MessageChangeType.CREATED, "hello");

        frames.message(session("ann"), "sub-a", "/topic/conversations/c1", StompFrames.frameOf(created));
        frames.change(session("bob"), "sub-b", "/topic/conversations/c1", created, SENT);

        assertThat(json.readTree((byte[]) sent.get(0).getPayload()))
                .isEqualTo(json.readTree((byte[]) sent.get(1).getPayload()));
    }

    private SimpMessageHeaderAccessor headers(int index) {
        return SimpMessageHeaderAccessor.wrap(sent.get(index));
    }

    private LiveSession session(String id) {
        return new LiveSession(id, "user-" + id, "login-" + id, outbound, LIMITS);
    }

    private static MessageChange change(MessageChangeType type, String text) {
        return new MessageChange(type, "c1", new MessageView("m1", "c1", 7, "user-ann", text, SENT, null, false, null,
                List.of(), Map.of(), List.of()), 1);
    }
}
