package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.parley.query.support.QueryApiIntegrationTest;
import io.parley.query.support.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A client that breaks the protocol gets an ERROR with a client-error code, never INTERNAL_ERROR, which tells a
 * client to resubscribe and would make a buggy one loop.
 */
class StompProtocolErrorsIT extends QueryApiIntegrationTest {

    private static final String NUL = "\0";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SUBSCRIBE before CONNECT|SUBSCRIBE\\nid:1\\ndestination:/user/queue/events\\n\\n|PROTOCOL_VIOLATION",
            "SEND before CONNECT|SEND\\ndestination:/app/conversations/x/typing\\n\\n{}|PROTOCOL_VIOLATION",
            "UNSUBSCRIBE before CONNECT|UNSUBSCRIBE\\nid:1\\n\\n|PROTOCOL_VIOLATION",
            "an unknown command|HELLO\\n\\n|MALFORMED_REQUEST",
            "a second CONNECT|CONNECT\\naccept-version:1.2\\nAuthorization:Bearer {token}\\n\\n|PROTOCOL_VIOLATION",
            "an unknown command after CONNECT|HELLO\\n\\n|MALFORMED_REQUEST"
    })
    void protocolMistakes_areClientErrors(String mistake, String frame, String code) throws Exception {
        String token = TestTokens.accessToken(UUID.randomUUID().toString(), TestTokens.newSessionId());
        boolean connectFirst = mistake.contains("CONNECT") && !mistake.contains("before");
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            WebSocket socket = client.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port() + "/ws"), new Collector(frames))
                    .get(10, TimeUnit.SECONDS);
            if (connectFirst) {
                socket.sendText(connect(token), true).get(5, TimeUnit.SECONDS);
                assertThat(frames.poll(10, TimeUnit.SECONDS)).startsWith("CONNECTED");
            }
            socket.sendText(frame.replace("\\n", "\n").replace("{token}", token) + NUL, true)
                    .get(5, TimeUnit.SECONDS);

            String answer = frames.poll(10, TimeUnit.SECONDS);
            assertThat(answer).as(mistake).isNotNull().startsWith("ERROR");
            assertThat(answer).as(mistake).contains("message:" + code + "\n");
            socket.abort();
        }
    }

    private static String connect(String token) {
        return "CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n" + NUL;
    }

    private static final class Collector implements WebSocket.Listener {

        private final LinkedBlockingQueue<String> frames;
        private final StringBuilder partial = new StringBuilder();

        Collector(LinkedBlockingQueue<String> frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
